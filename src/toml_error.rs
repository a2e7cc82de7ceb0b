//! TOML errors as bezin says them, for prompt sets, settings and answers
//! files alike: `file:line:column: what is expected and what was found`.

/// `err` in `src`, as one line that names `origin` and the place.
pub fn located(origin: &str, src: &str, err: &toml::de::Error) -> String {
    let offset = err.span().map_or(0, |span| span.start);
    let (line, column) = line_and_column(src, offset);
    format!("{origin}:{line}:{column}: {}", describe(err, src, offset))
}

/// The deserializer's message, said the way bezin says things: what is
/// expected and what was found, with the key it is about.
pub fn describe(err: &toml::de::Error, src: &str, offset: usize) -> String {
    let message = err.message().trim().replace('\n', "; ");
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("missing field {field} here");
    }
    let line_start = src.get(..offset).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let line = src[line_start..].lines().next().unwrap_or_default();
    let key =
        line.split_once('=').map(|(key, _)| key.trim()).filter(|key| !key.is_empty() && !key.contains(['{', '[']));
    let reworded = match message.strip_prefix("invalid type: ").and_then(|rest| rest.split_once(", expected ")) {
        Some((found, "i64" | "u32" | "u64")) => format!("expected a whole number, found {found}"),
        Some((found, expected)) => format!("expected {expected}, found {found}"),
        None => message,
    };
    match key {
        Some(key) if !reworded.contains(&format!("`{key}`")) => format!("{key}: {reworded}"),
        _ => reworded,
    }
}

/// The line and column (both from 1, columns in characters) of a byte offset.
pub fn line_and_column(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}
