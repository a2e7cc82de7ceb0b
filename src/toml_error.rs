//! TOML errors as bezin says them, for prompt sets, settings and answers
//! files alike: `file:line:column: what is expected and what was found`.

use crate::lang::Lang;
use crate::lang::errors::ErrorWords;

/// `err` in `src`, as one line that names `origin` and the place, said in `lang`.
pub fn located(origin: &str, src: &str, err: &toml::de::Error, lang: Lang) -> String {
    let offset = err.span().map_or(0, |span| span.start);
    let (line, column) = line_and_column(src, offset);
    format!("{origin}:{line}:{column}: {}", describe_in(err, src, offset, lang))
}

/// The deserializer's message, said the way bezin says things, in the
/// language bezin speaks.
pub fn describe(err: &toml::de::Error, src: &str, offset: usize) -> String {
    describe_in(err, src, offset, crate::lang::interface())
}

/// The deserializer's message, said the way bezin says things: what is
/// expected and what was found, with the key it is about. Mistakes of the
/// TOML itself keep the reader's words.
fn describe_in(err: &toml::de::Error, src: &str, offset: usize, lang: Lang) -> String {
    let words = lang.errors();
    let message = err.message().trim().replace('\n', "; ");
    if let Some(field) = message.strip_prefix("missing field ") {
        return (words.missing_field)(field);
    }
    let line_start = src.get(..offset).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let line = src[line_start..].lines().next().unwrap_or_default();
    let key =
        line.split_once('=').map(|(key, _)| key.trim()).filter(|key| !key.is_empty() && !key.contains(['{', '[']));
    let reworded = reworded(&message, words);
    match key {
        Some(key) if !reworded.contains(&format!("`{key}`")) => format!("{key}: {reworded}"),
        _ => reworded,
    }
}

/// The shapes of serde's messages bezin knows, in `words`' language; TOML
/// and JSON readers word what a value should be alike.
pub fn reworded(message: &str, words: &ErrorWords) -> String {
    let after = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split_once(", expected "));
    if let Some((found, expected)) = after("invalid type: ").or_else(|| after("invalid value: ")) {
        let found = kind_in(found, words);
        return match expected {
            "i64" | "i32" | "u8" | "u16" | "u32" | "u64" | "usize" => (words.whole_number_expected)(&found),
            _ => (words.expected_found)(&kind_in(expected, words), &found),
        };
    }
    if let Some((key, known)) = after("unknown field ") {
        return (words.unknown_key)(key, known);
    }
    if let Some((value, expected)) = after("unknown variant ") {
        return (words.unknown_value)(value, expected);
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return (words.missing_field)(field);
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return (words.duplicate_key)(field);
    }
    (words.not_toml)(message)
}

/// A kind of value as serde names it ("integer `5`", "a sequence"), its
/// kind said in `words`' language; the value itself stays as it was.
fn kind_in(named: &str, words: &ErrorWords) -> String {
    let mut known = words.kinds.iter().filter_map(|(serde, said)| {
        let value = named.strip_prefix(serde).filter(|value| value.is_empty() || value.starts_with(' '))?;
        // The name of a Rust type after "struct" means nothing to a person.
        Some(if *serde == "struct" { (*said).to_owned() } else { format!("{said}{value}") })
    });
    known.next().unwrap_or_else(|| named.to_owned())
}

/// The line and column (both from 1, columns in characters) of a byte offset.
pub fn line_and_column(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}
