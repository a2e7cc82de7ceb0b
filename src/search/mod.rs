//! Finding text in entries, with case and accents left out of it in every
//! script: "een" finds "één", "lukasz" finds "Łukasz", "σοφία" finds
//! "ΣΟΦΊΑ", also in lines another tool wrote with `\u` escapes.

mod fold;
mod quick;
mod sieve;

use std::ops::Range;

use anyhow::Result;
use unicode_segmentation::UnicodeSegmentation;

pub use fold::fold;
use fold::is_diacritic;
pub use sieve::{Sieve, Sifted, Sifting};

use crate::journal::Entry;

/// How many characters of the folded query the quick test looks for:
/// enough to let few lines through, few enough for a small regex.
const QUICK_CHARS: usize = 64;

/// What a person looks for.
pub struct Query {
    folded: String,
    /// A quick test on a raw journal line, so that only candidates are parsed.
    quick: Option<quick::Quick>,
}

/// One place an entry holds the query.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    /// `title`, `tags`, or the id of the prompt whose answer holds it.
    pub field: String,
    /// The question that answer was given to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The text around the match, on one line.
    pub snippet: String,
    /// Where the match is in the snippet, in bytes.
    #[serde(skip)]
    pub matched: Range<usize>,
}

impl Query {
    /// The query for `text`, of any length: the quick test looks for its
    /// start alone (a line that holds the whole holds its start), so that
    /// preparing it costs the same for a word as for a page. When the
    /// quick test cannot be made, every line is a candidate.
    pub fn new(text: &str) -> Result<Query> {
        let folded = fold(text).0;
        if folded.trim().is_empty() {
            anyhow::bail!(crate::lang::interface().commands().search_text_empty);
        }
        let start = folded.char_indices().nth(QUICK_CHARS).map_or(folded.as_str(), |(end, _)| &folded[..end]);
        let quick = quick::Quick::new(start);
        Ok(Query { folded, quick })
    }

    /// Where the lines of a block of journal lines are that may hold the
    /// query, each once; the quick test runs over the whole block at once.
    pub fn candidates(&self, block: &[u8]) -> Vec<Range<usize>> {
        if let Some(quick) = &self.quick {
            return quick.lines(block);
        }
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', block).map(|at| at + 1));
        starts.filter(|&at| at < block.len()).map(|at| line_around(block, at)).collect()
    }

    /// The runs of letters the query holds, for a sieve (`Sieve::ranges`).
    pub fn runs(&self) -> Vec<usize> {
        sieve::runs(&self.folded)
    }

    /// Where `text` holds the query, in bytes of `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        let (folded, origins) = fold(text);
        let start = folded.find(&self.folded)?;
        let mut end = origins[start + self.folded.len() - 1].end;
        // Accents written as marks after their letter belong to the match.
        end += text[end..].chars().take_while(|&c| is_diacritic(c)).map(char::len_utf8).sum::<usize>();
        Some(origins[start].start..end)
    }

    /// Every place in the entry's title, tags and answers that holds the query.
    pub fn hits(&self, entry: &Entry) -> Vec<Hit> {
        let mut fields: Vec<(String, Option<String>, String)> = Vec::new();
        if let Some(title) = &entry.title {
            fields.push(("title".to_owned(), None, title.clone()));
        }
        fields.push(("tags".to_owned(), None, entry.tags.join(" ")));
        for recorded in &entry.answers {
            fields.push((recorded.prompt.clone(), Some(recorded.question.clone()), recorded.show(entry.lang)));
        }
        fields
            .into_iter()
            .filter_map(|(field, question, text)| {
                let found = self.find(&text)?;
                let (snippet, matched) = snippet(&text, found);
                Some(Hit { field, question, snippet, matched })
            })
            .collect()
    }
}

/// The line of `block` that holds the byte at `at`, without its newline.
fn line_around(block: &[u8], at: usize) -> Range<usize> {
    let start = memchr::memrchr(b'\n', &block[..at]).map_or(0, |newline| newline + 1);
    let end = memchr::memchr(b'\n', &block[at..]).map_or(block.len(), |newline| at + newline);
    start..end
}

/// Up to about forty graphemes on either side of the match, on one line.
fn snippet(text: &str, found: Range<usize>) -> (String, Range<usize>) {
    const AROUND: usize = 40;
    let start = text[..found.start].grapheme_indices(true).rev().nth(AROUND - 1).map_or(0, |(at, _)| at);
    let end = text[found.end..].grapheme_indices(true).nth(AROUND).map_or(text.len(), |(at, _)| found.end + at);
    let before = if start > 0 { "…" } else { "" };
    let after = if end < text.len() { "…" } else { "" };
    let flat = |part: &str| part.replace(['\n', '\r', '\t'], " ");
    let head = format!("{before}{}", flat(&text[start..found.start]));
    let matched = flat(&text[found.clone()]);
    let snippet = format!("{head}{matched}{}{after}", flat(&text[found.end..end]));
    (snippet, head.len()..head.len() + matched.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_do_not_matter_either_way() {
        let query = Query::new("een").unwrap();
        assert_eq!(query.find("Eén plus één"), Some(0..4));
        let query = Query::new("CAFÉ").unwrap();
        assert_eq!(query.find("the cafe\u{301} round the corner"), Some(4..10));
        assert_eq!(Query::new("ë").unwrap().find("Zoë"), Some(2..4));
        assert!(Query::new("xyz").unwrap().find("één").is_none());
    }

    #[test]
    fn the_quick_test_on_raw_lines_never_misses_a_real_match() {
        let query = Query::new("een plus").unwrap();
        let block = "{\"a\":\"Waardoor wordt \u{e9}\u{e9}n PLUS \u{e9}\u{e9}n drie?\"}\n{\"a\":\"nothing here\"}\n\
                     {\"a\":\"e\u{301}e\u{301}n plus een plus\"}";
        let lines: Vec<&str> = query.candidates(block.as_bytes()).into_iter().map(|line| &block[line]).collect();
        assert_eq!(lines, [block.lines().next().unwrap(), block.lines().nth(2).unwrap()]);
        let quoted = Query::new("say \"no\"").unwrap();
        assert_eq!(quoted.candidates(b"{\"a\":\"I say \\\"No\\\"\"}\n{\"a\":\"say no\"}").len(), 1);
    }

    /// The lines of `block` the quick test lets through, by number.
    fn passed(query: &str, lines: &[&str]) -> Vec<usize> {
        let block = lines.join("\n");
        let query = Query::new(query).unwrap();
        let starts: Vec<usize> = query.candidates(block.as_bytes()).into_iter().map(|line| line.start).collect();
        let mut at = 0;
        let mut numbers = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            if starts.contains(&at) {
                numbers.push(n);
            }
            at += line.len() + 1;
        }
        numbers
    }

    #[test]
    fn every_script_is_found_either_way_round_and_escaped() {
        let cases = [
            ("łukasz", "Łukasz"),
            ("ŁUKASZ", "łukasz"),
            ("lukasz", "Łukasz"),
            ("дом", "ДОМ"),
            ("ДОМ", "дом"),
            ("σοφία", "ΣΟΦΊΑ"),
            ("ΣΟΦΙΑ", "σοφία"),
            ("οσος", "ΌΣΟΣ"),
            ("ærø", "ÆRØ"),
            ("ÆRØ", "ærø"),
            ("zoë", "ZOË"),
            ("zoe", "Zoë"),
            ("straße", "STRASSE"),
            ("strasse", "Straße"),
            ("stras", "Straße"),
            ("istanbul", "İstanbul"),
            ("fine", "ﬁne"),
            ("i", "ﬁ"),
            ("한국", "한국어"),
        ];
        for (query, text) in cases {
            let found = Query::new(query).unwrap();
            assert!(found.find(text).is_some(), "{query} finds {text}");
            let raw = serde_json::to_string(&serde_json::json!({ "a": text })).unwrap();
            let escaped =
                raw.chars().map(|c| if c.is_ascii() { c.to_string() } else { ascii_escaped(c) }).collect::<String>();
            let upper = escaped.replace("\\u", "\u{1}").to_uppercase().replace('\u{1}', "\\u");
            assert_eq!(passed(query, &["{\"b\":\"--\"}", &raw, &escaped, &upper]), [1, 2, 3], "{query} in {text}");
        }
        assert_eq!(passed("zurich", &[r#"{"a":"Z\u00fcrich"}"#, r#"{"a":"Z\u00FCRICH"}"#]), [0, 1]);
        assert_eq!(passed("🌱 grows", &[r#"{"a":"\ud83c\udf31 GROWS"}"#]), [0]);
    }

    #[test]
    fn the_rarest_letter_is_looked_for_in_every_form_then_the_line_whole() {
        // The `z` of `łukasz` is looked for first, written each way it can be.
        let lines = [
            r#"{"a":"LUKASZ"}"#,
            "{\"a\":\"Łukasź\"}",
            r#"{"a":"lukas\u017a"}"#,
            r#"{"a":"lukas\u017A"}"#,
            r#"{"a":"lukas\u005a"}"#,
            "{\"a\":\"lukasz\u{30c}\"}",
            "{\"a\":\"lukas\u{1e93}\"}",
            r#"{"a":"lukas","b":"z"}"#,
            r#"{"a":"zz lukas"}"#,
            r#"{"a":"lukas"}"#,
        ];
        assert_eq!(passed("łukasz", &lines), [0, 1, 2, 3, 4, 5, 6]);
    }

    /// `c` as a JSON `\u` escape (two for a character outside the BMP).
    fn ascii_escaped(c: char) -> String {
        c.encode_utf16(&mut [0; 2]).iter().fold(String::new(), |escaped, unit| escaped + &format!("\\u{unit:04x}"))
    }

    proptest::proptest! {
        /// Whatever the text and whatever part of it is looked for, the quick
        /// test lets the line through when the exact check finds it.
        #[test]
        fn the_quick_test_never_misses_what_find_finds(text in "\\PC{0,24}", from in 0usize..24, len in 1usize..8) {
            let chars: Vec<char> = text.chars().collect();
            let from = from.min(chars.len());
            let part: String = chars[from..(from + len).min(chars.len())].iter().collect();
            proptest::prop_assume!(!fold(&part).0.trim().is_empty());
            let query = Query::new(&part).unwrap();
            proptest::prop_assume!(query.find(&text).is_some());
            let raw = serde_json::to_string(&serde_json::json!({ "a": text })).unwrap();
            let escaped: String = raw.chars().map(|c| if c.is_ascii() { c.to_string() } else { ascii_escaped(c) }).collect();
            for line in [raw, escaped] {
                proptest::prop_assert_eq!(query.candidates(line.as_bytes()).len(), 1, "{:?} in {}", part, line);
            }
        }
    }

    #[test]
    fn a_query_of_pages_is_prepared_from_its_start_and_found_whole() {
        let long = "Straße ﬁne één ".repeat(200);
        let query = Query::new(&long.to_uppercase()).unwrap();
        let start = Query::new(&long.chars().take(QUICK_CHARS).collect::<String>()).unwrap();
        assert_eq!(query.quick.as_ref().map(quick::Quick::pattern), start.quick.as_ref().map(quick::Quick::pattern));
        let text = format!("before {long} after");
        assert_eq!(query.find(&text).map(|found| &text[found]), Some(long.as_str()));
        let line = serde_json::to_string(&serde_json::json!({ "a": text })).unwrap();
        assert_eq!(query.candidates(line.as_bytes()).len(), 1);
    }

    #[test]
    fn a_snippet_is_one_line_around_the_match() {
        let text = format!("{}\nthe desire behind\nthe request{}", "a".repeat(60), "b".repeat(60));
        let query = Query::new("DESIRE").unwrap();
        let (snippet, matched) = snippet(&text, query.find(&text).unwrap());
        assert_eq!(&snippet[matched], "desire");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{snippet}");
        assert!(!snippet.contains('\n'));
    }
}
