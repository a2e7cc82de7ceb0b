//! Which entries the list shows: a search and the filters typed on the
//! screen. A person, a set or a tag is found by the start of it (case and
//! accents aside for a person, as `bezin about` finds one), so the list
//! narrows as it is typed; days are a range, `from..to`.

use jiff::civil::Date;

use super::shelf::Shelf;
use crate::filter::parse_day;
use crate::search::Query;

/// What the person typed to narrow the list.
#[derive(Default)]
pub struct Filters {
    pub search: String,
    pub person: String,
    pub set: String,
    pub tag: String,
    pub days: String,
}

/// The filters made ready to test entries with.
pub struct Ready {
    query: Option<Query>,
    person: String,
    set: String,
    tag: String,
    /// The first and the last day, as `YYYY-MM-DD`.
    since: Option<String>,
    until: Option<String>,
}

impl Filters {
    /// The filters to test with; the days typed so far, when they say no
    /// day yet, are left out (and named as the error).
    pub fn ready(&self, today: Date) -> (Ready, Result<(), String>) {
        let (range, days) = match days(&self.days, today) {
            Ok(range) => (range, Ok(())),
            Err(wrong) => ((None, None), Err(wrong)),
        };
        let ready = Ready {
            query: Query::new(&self.search).ok(),
            person: crate::people::key(&self.person),
            set: self.set.trim().to_lowercase(),
            tag: self.tag.trim().trim_start_matches('#').to_lowercase(),
            since: range.0,
            until: range.1,
        };
        (ready, days)
    }
}

impl Ready {
    /// Whether the entry at `at` passes every filter (the search aside,
    /// which runs in the background).
    pub fn keeps(&self, all: &Shelf, at: usize) -> bool {
        let date = &*all.row(at).date;
        all.person_key(at).starts_with(&self.person)
            && all.set_folded(at).starts_with(&self.set)
            && (self.tag.is_empty() || all.tags(at).any(|tag| tag.starts_with(&self.tag)))
            && self.since.as_deref().is_none_or(|since| date >= since)
            && self.until.as_deref().is_none_or(|until| date <= until)
    }

    /// The search, to highlight what it finds.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }
}

/// The days `from..to` (either side may be left out; one day alone is the
/// first), as `bezin list` reads `--since` and `--until`; the text that is
/// no day when one is not.
fn days(text: &str, today: Date) -> Result<(Option<String>, Option<String>), String> {
    let (from, to) = text.split_once("..").unwrap_or((text, ""));
    let day = |side: &str| {
        let side = side.trim();
        if side.is_empty() {
            return Ok(None);
        }
        parse_day(side, today).map(|day| Some(day.to_string())).map_err(|_| side.to_owned())
    };
    Ok((day(from)?, day(to)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_a_range_with_either_side_left_out() {
        let today = Date::new(2026, 11, 24).unwrap();
        let some = |day: &str| Some(day.to_owned());
        assert_eq!(days("", today), Ok((None, None)));
        assert_eq!(days("2026-01-01..2026-02-01", today), Ok((some("2026-01-01"), some("2026-02-01"))));
        assert_eq!(days("1w..", today), Ok((some("2026-11-17"), None)));
        assert_eq!(days("..yesterday", today), Ok((None, some("2026-11-23"))));
        assert_eq!(days("2026-0", today), Err("2026-0".to_owned()));
        assert_eq!(days("2026-01-01..later", today), Err("later".to_owned()));
    }
}
