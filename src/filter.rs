//! Which entries a command looks at: by set, person, tags and dates.

use anyhow::{Result, anyhow};
use jiff::Span;
use jiff::civil::Date;

use crate::journal::Entry;
use crate::people::{self, PersonPrompts};

/// The entries to keep. Dates are local days, inclusive at both ends.
#[derive(Debug, Default)]
pub struct Filter {
    pub set: Option<String>,
    /// Every one of these tags (case aside) must be on the entry.
    pub tags: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// The person (as `people::key` folds names), and how to find whom an
    /// entry is about.
    pub person: Option<(String, PersonPrompts)>,
}

impl Filter {
    /// Whether every entry passes: no set, tag, day or person asked for.
    pub fn keeps_all(&self) -> bool {
        self.set.is_none()
            && self.tags.is_empty()
            && self.since.is_none()
            && self.until.is_none()
            && self.person.is_none()
    }

    /// A filter from the command line's words; dates are read against `today`.
    pub fn new(
        set: Option<String>,
        tags: &[String],
        since: Option<&str>,
        until: Option<&str>,
        today: Date,
    ) -> Result<Filter> {
        let day = |text: Option<&str>| text.map(|text| parse_day(text, today).map(|day| day.to_string())).transpose();
        Ok(Filter {
            set,
            tags: tags.iter().map(|tag| tag.trim_start_matches('#').to_lowercase()).collect(),
            since: day(since)?,
            until: day(until)?,
            person: None,
        })
    }

    /// Only entries about `name` (case, accents and spaces aside).
    pub fn about(self, name: &str, prompts: PersonPrompts) -> Filter {
        Filter { person: Some((people::key(name), prompts)), ..self }
    }

    pub fn matches(&self, entry: &Entry) -> bool {
        self.set.as_ref().is_none_or(|set| &entry.set == set)
            && self.tags.iter().all(|tag| entry.tags.iter().any(|t| t.to_lowercase() == *tag))
            && self.since.as_deref().is_none_or(|since| entry.date() >= since)
            && self.until.as_deref().is_none_or(|until| entry.date() <= until)
            && self.person.as_ref().is_none_or(|(key, prompts)| {
                prompts.person_of(entry).is_some_and(|person| people::key(&person) == *key)
            })
    }

    /// Whether a raw journal line may pass the date filter, from the date it
    /// was finished on alone: a quick test before the line is parsed. The
    /// journal need not be in time order (imports, hand edits, merges).
    pub fn may_match(&self, line: &[u8]) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(date) = finished_date(line) else { return true };
        self.since.as_deref().is_none_or(|since| date >= since)
            && self.until.as_deref().is_none_or(|until| date <= until)
    }
}

/// The date an entry was finished on, `YYYY-MM-DD`, read from its raw line.
fn finished_date(line: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\"finished\":\"";
    let at = line.windows(KEY.len()).position(|window| window == KEY)? + KEY.len();
    std::str::from_utf8(line.get(at..at + 10)?).ok()
}

/// A day: `2026-11-01`, `today`, `yesterday` (or the Dutch `vandaag`,
/// `gisteren`, in either interface language), or a time ago such as `7d`,
/// `2w`, `3m` or `1y`.
pub fn parse_day(text: &str, today: Date) -> Result<Date> {
    let wrong = || anyhow!((crate::lang::interface().environment().not_a_date)(text));
    match text {
        "today" | "vandaag" => return Ok(today),
        "yesterday" | "gisteren" => return today.yesterday().map_err(|_| wrong()),
        _ => {}
    }
    if let Some(unit) = text.chars().last().filter(|c| "dwmy".contains(*c)) {
        let count: i64 = text[..text.len() - 1].parse().map_err(|_| wrong())?;
        let span = match unit {
            'd' => Span::new().try_days(count),
            'w' => Span::new().try_weeks(count),
            'm' => Span::new().try_months(count),
            _ => Span::new().try_years(count),
        };
        let too_far = || anyhow!((crate::lang::interface().environment().too_far_back)(text));
        return span.ok().and_then(|span| today.checked_sub(span).ok()).ok_or_else(too_far);
    }
    text.parse::<Date>().map_err(|_| wrong())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_absolute_relative_or_named() {
        let today = Date::new(2026, 11, 24).unwrap();
        let day = |text| parse_day(text, today).unwrap().to_string();
        assert_eq!(day("2026-11-01"), "2026-11-01");
        assert_eq!(day("today"), "2026-11-24");
        assert_eq!(day("yesterday"), "2026-11-23");
        assert_eq!(day("vandaag"), "2026-11-24");
        assert_eq!(day("gisteren"), "2026-11-23");
        assert_eq!(day("7d"), "2026-11-17");
        assert_eq!(day("2w"), "2026-11-10");
        assert_eq!(day("3m"), "2026-08-24");
        assert_eq!(day("1y"), "2025-11-24");
        let err = parse_day("2026-13-01", today).unwrap_err().to_string();
        assert!(err.starts_with("'2026-13-01' is not a date; use a day like 2026-11-01"), "{err}");
        assert!(parse_day("xd", today).is_err());
        for far in ["99999999y", "9999999d", "-99999999999m", "999999999999999w"] {
            let err = parse_day(far, today).unwrap_err().to_string();
            assert!(err.contains("further than bezin counts days"), "{far}: {err}");
        }
    }
}
