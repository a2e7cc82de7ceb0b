//! JSON errors as bezin says them, for imports and the journal's lines
//! alike: the message of `serde_json` in the interface's language, and where.

use crate::lang::errors::ErrorWords;

/// The most columns a mistake takes, before where it is.
const LONGEST: usize = 200;

/// `err` as one phrase in the interface's language: what is wrong, then
/// where (the column alone for a text of one line, as a journal line is).
pub fn describe(err: &serde_json::Error) -> String {
    describe_in(err, crate::lang::interface().errors())
}

fn describe_in(err: &serde_json::Error, words: &ErrorWords) -> String {
    let full = err.to_string();
    let place = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&place).unwrap_or(&full);
    let mistake = words
        .json_mistakes
        .iter()
        .find(|(serde, _)| *serde == message)
        .map_or_else(|| crate::toml_error::reworded(message, words), |(_, said)| (*said).to_owned());
    // A value quoted in it may hold line ends, or megabytes.
    let mistake = crate::ui::one_line(&crate::ui::truncate(&mistake, LONGEST)).into_owned();
    match err.line() {
        0 => mistake,
        1 => (words.json_at_column)(&mistake, err.column()),
        line => (words.json_at)(&mistake, line, err.column()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn said(json: &str, lang: Lang) -> String {
        let err = serde_json::from_str::<crate::journal::Entry>(json).unwrap_err();
        describe_in(&err, lang.errors())
    }

    #[test]
    fn mistakes_are_said_in_the_language_of_the_interface_with_their_place() {
        assert_eq!(said("not json", Lang::En), "expected a value, found a word JSON does not know at column 2");
        assert_eq!(
            said("not json", Lang::Nl),
            "verwacht een waarde, gevonden: een woord dat JSON niet kent in kolom 2"
        );
        assert_eq!(said("{\"id\": 5", Lang::Nl), "verwacht: een tekst; gevonden: het getal `5` in kolom 8");
        assert_eq!(said("{\"id\": \"a\"}", Lang::Nl), "hier ontbreekt de sleutel `format` in kolom 11");
        assert_eq!(said("{\n\"id\": \"a\",\n", Lang::En), "the text ends where a value should be at line 3, column 0");
        let entry = serde_json::json!({"id": "a", "format": 1, "lang": format!("two\nlines{}", "x".repeat(5000))});
        let multi_line = said(&entry.to_string(), Lang::En);
        assert!(multi_line.starts_with("unknown variant `two lines"), "{multi_line}");
        assert!(multi_line.contains("… at column ") && multi_line.chars().count() < 230, "{multi_line}");
        let trailing = serde_json::from_str::<serde_json::Value>("{} x").unwrap_err();
        assert_eq!(describe_in(&trailing, Lang::Nl.errors()), "nog meer tekst na de waarde in kolom 4");
    }

    /// Every message of `serde_json` that bezin words has a wording in each language.
    #[test]
    fn each_language_words_the_same_mistakes() {
        let serde = |lang: Lang| lang.errors().json_mistakes.iter().map(|(serde, _)| *serde).collect::<Vec<_>>();
        assert_eq!(serde(Lang::En), serde(Lang::Nl));
        for json in
            ["[1,", "{\"a\"", "\"abc", "[1 2]", "{\"a\" 1}", "{1:2}", "\"\\x\"", "[1,]", "\"\\ud800\"", "\"\u{1}\""]
        {
            let err = serde_json::from_str::<serde_json::Value>(json).unwrap_err();
            let message = err.to_string();
            assert!(serde(Lang::En).iter().any(|serde| message.starts_with(serde)), "{message}");
        }
    }
}
