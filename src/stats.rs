//! How a person is doing, over all their reflections: counts per set and
//! month, streaks of days, how every scale answer moved over time, and how
//! often each option of a choice was picked, in whatever language.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use jiff::civil::Date;
use serde::Serialize;

use crate::answer::{Answer, Picked};
use crate::journal::Entry;
use crate::lang::Lang;
use crate::prompt_set::Prompt;

/// How many of the latest answers of a scale a trend keeps.
pub const TREND_POINTS: usize = 60;

/// The numbers `bezin stats` shows, gathered one entry at a time.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub entries: usize,
    pub per_set: BTreeMap<String, usize>,
    /// `YYYY-MM` to the number of entries.
    pub per_month: BTreeMap<String, usize>,
    pub streak: Streak,
    /// Runs of weeks (Monday to Sunday), for those who reflect weekly.
    pub weekly_streak: Streak,
    pub scales: Vec<Scale>,
    pub choices: Vec<Choices>,
    /// Scale answers left out of the trends: outside their scale, or of a
    /// scale whose ends are the wrong way round (an import, a hand edit).
    pub out_of_range: usize,
    #[serde(skip)]
    days: BTreeSet<String>,
}

/// Runs of days (or weeks) with at least one reflection.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Streak {
    /// Days (weeks) in a row up to today, or up to yesterday (last week)
    /// when today (this week) has none yet.
    pub current: usize,
    pub longest: usize,
}

/// One scale prompt of one set, and its answers over time.
#[derive(Debug, Serialize)]
pub struct Scale {
    pub set: String,
    pub prompt: String,
    /// The question as last asked.
    pub question: String,
    /// The language it was last asked in.
    #[serde(skip)]
    pub asked_in: Lang,
    pub range: (i64, i64),
    pub answers: usize,
    pub first: i64,
    pub last: i64,
    pub lowest: i64,
    pub highest: i64,
    /// The latest answers, oldest first, with their days.
    pub trend: VecDeque<(String, i64)>,
}

/// One choice or multi prompt of one set, and how often each option was
/// picked: counted by option id, so an English and a Dutch reflection count
/// alike (an older entry that kept a label alone counts by that label).
#[derive(Debug, Serialize)]
pub struct Choices {
    pub set: String,
    pub prompt: String,
    /// The question as last asked.
    pub question: String,
    /// The language it was last asked in.
    #[serde(skip)]
    pub asked_in: Lang,
    /// How many entries answered it.
    pub answers: usize,
    /// Most picked first.
    pub options: Vec<Picks>,
}

/// An option and how often it was picked.
#[derive(Debug, Serialize)]
pub struct Picks {
    pub id: Option<String>,
    /// As last shown, until `relabel` gives it the language asked for.
    pub label: String,
    pub count: usize,
}

impl Stats {
    /// Counts one entry in.
    pub fn add(&mut self, entry: &Entry) {
        self.entries += 1;
        *self.per_set.entry(entry.set.clone()).or_default() += 1;
        *self.per_month.entry(entry.date().get(..7).unwrap_or_default().to_owned()).or_default() += 1;
        self.days.insert(entry.date().to_owned());
        for recorded in &entry.answers {
            let picked = match (&recorded.answer, recorded.range) {
                (Answer::Choice(one), _) => std::slice::from_ref(one),
                (Answer::Multi(many), _) => many.as_slice(),
                (Answer::Number(value), Some((min, max))) => {
                    if min < max && (min..=max).contains(value) {
                        let scale = self.scale(entry, &recorded.prompt, (min, max));
                        scale.push(entry.date(), *value, (&recorded.question, entry.lang));
                    } else {
                        self.out_of_range += 1;
                    }
                    continue;
                }
                _ => continue,
            };
            self.choices(entry, &recorded.prompt).push(picked, (&recorded.question, entry.lang));
        }
    }

    fn choices(&mut self, entry: &Entry, prompt: &str) -> &mut Choices {
        let at = self.choices.iter().position(|choices| choices.set == entry.set && choices.prompt == prompt);
        let at = at.unwrap_or_else(|| {
            self.choices.push(Choices {
                set: entry.set.clone(),
                prompt: prompt.to_owned(),
                question: String::new(),
                asked_in: entry.lang,
                answers: 0,
                options: Vec::new(),
            });
            self.choices.len() - 1
        });
        &mut self.choices[at]
    }

    fn scale(&mut self, entry: &Entry, prompt: &str, range: (i64, i64)) -> &mut Scale {
        let at = self.scales.iter().position(|scale| scale.set == entry.set && scale.prompt == prompt);
        let at = at.unwrap_or_else(|| {
            self.scales.push(Scale::new(&entry.set, prompt, range, entry.lang));
            self.scales.len() - 1
        });
        &mut self.scales[at]
    }

    /// Finishes the counts: the streaks as of `today`, the options most
    /// picked first.
    pub fn finish(mut self, today: Date) -> Stats {
        let dates: BTreeSet<Date> = self.days.iter().filter_map(|day| day.parse().ok()).collect();
        self.streak = streak(&dates, today, 1);
        let mondays: BTreeSet<Date> = dates.iter().map(|&date| monday_of(date)).collect();
        self.weekly_streak = streak(&mondays, monday_of(today), 7);
        for choices in &mut self.choices {
            choices.options.sort_by_key(|option| std::cmp::Reverse(option.count));
        }
        self
    }
}

impl Choices {
    /// Gives each option its label in `lang`, where `prompt` (as its set has
    /// it now) still has the option.
    pub fn relabel(&mut self, prompt: &Prompt, lang: Lang) {
        for option in &mut self.options {
            let found = option.id.as_ref().and_then(|id| prompt.kind.options().iter().find(|o| &o.id == id));
            if let Some(found) = found {
                found.label.get(lang).clone_into(&mut option.label);
            }
        }
    }

    fn push(&mut self, picked: &[Picked], (question, lang): (&str, Lang)) {
        self.answers += 1;
        question.clone_into(&mut self.question);
        self.asked_in = lang;
        // An option picked twice in one answer counts once.
        let mut seen = std::collections::HashSet::new();
        for picked in picked.iter().filter(|p| seen.insert(p.key())) {
            match self.options.iter_mut().find(|option| option.id.as_deref().unwrap_or(&option.label) == picked.key()) {
                Some(option) => {
                    option.count += 1;
                    picked.label.clone_into(&mut option.label);
                }
                None => self.options.push(Picks { id: picked.id.clone(), label: picked.label.clone(), count: 1 }),
            }
        }
    }
}

impl Scale {
    fn new(set: &str, prompt: &str, range: (i64, i64), asked_in: Lang) -> Scale {
        Scale {
            set: set.to_owned(),
            prompt: prompt.to_owned(),
            question: String::new(),
            asked_in,
            range,
            answers: 0,
            first: 0,
            last: 0,
            lowest: i64::MAX,
            highest: i64::MIN,
            trend: VecDeque::new(),
        }
    }

    fn push(&mut self, day: &str, value: i64, (question, lang): (&str, Lang)) {
        if self.answers == 0 {
            self.first = value;
        }
        self.answers += 1;
        self.last = value;
        self.lowest = self.lowest.min(value);
        self.highest = self.highest.max(value);
        question.clone_into(&mut self.question);
        self.asked_in = lang;
        if self.trend.len() == TREND_POINTS {
            self.trend.pop_front();
        }
        self.trend.push_back((day.to_owned(), value));
    }

    /// The trend as a line of block characters, low to high on the scale.
    pub fn sparkline(&self, width: usize) -> String {
        const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let (min, max) = self.range;
        let skip = self.trend.len().saturating_sub(width);
        self.trend
            .iter()
            .skip(skip)
            .map(|(_, value)| {
                let (value, min, max) = (i128::from(*value), i128::from(min), i128::from(max));
                let step = (value - min).clamp(0, (max - min).max(0)) * 7 / (max - min).max(1);
                BLOCKS[usize::try_from(step).unwrap_or(0)]
            })
            .collect()
    }
}

/// The current and longest runs in `dates` of dates `step` days apart
/// (1 for days, 7 for the Mondays of weeks), up to `today`'s.
fn streak(dates: &BTreeSet<Date>, today: Date, step: i64) -> Streak {
    let next = |date: Date| date.checked_add(jiff::Span::new().days(step)).ok();
    let (mut longest, mut run) = (0, 0);
    let mut previous: Option<Date> = None;
    for &date in dates {
        run = match previous {
            Some(before) if next(before) == Some(date) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(date);
    }
    let alive = previous.is_some_and(|last| last == today || next(last) == Some(today));
    Streak { current: if alive { run } else { 0 }, longest }
}

/// The Monday of the week `date` is in.
fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[&str]) -> BTreeSet<Date> {
        list.iter().map(|day| day.parse().unwrap()).collect()
    }

    #[test]
    fn streaks_count_days_in_a_row() {
        let today: Date = "2026-11-24".parse().unwrap();
        let year = days(&["2026-01-01", "2026-01-02", "2026-01-03", "2026-11-22", "2026-11-23"]);
        assert_eq!(streak(&year, today, 1), Streak { current: 2, longest: 3 });
        assert_eq!(streak(&days(&["2026-11-20"]), today, 1), Streak { current: 0, longest: 1 });
        assert_eq!(streak(&days(&["2026-11-24"]), today, 1), Streak { current: 1, longest: 1 });
        assert_eq!(streak(&days(&[]), today, 1), Streak { current: 0, longest: 0 });
    }

    #[test]
    fn weekly_streaks_count_weeks_in_a_row() {
        // Tuesday 24 November 2026; a reflection every week on varying days.
        let mut stats = Stats::default();
        for day in ["2026-10-05", "2026-10-26", "2026-11-06", "2026-11-10", "2026-11-22", "2026-11-23"] {
            stats.days.insert(day.to_owned());
        }
        let stats = stats.finish("2026-11-24".parse().unwrap());
        assert_eq!(stats.weekly_streak, Streak { current: 5, longest: 5 });
        assert_eq!(stats.streak, Streak { current: 2, longest: 2 });
        assert_eq!(monday_of("2026-11-29".parse().unwrap()), "2026-11-23".parse::<Date>().unwrap());
    }

    #[test]
    fn a_sparkline_spans_the_scale() {
        let mut scale = Scale::new("five-tips", "calm", (1, 10), Lang::En);
        for value in [1, 5, 10, 7] {
            scale.push("2026-11-24", value, ("How calm?", Lang::En));
        }
        assert_eq!(scale.sparkline(10), "▁▄█▅");
        assert_eq!(scale.sparkline(2), "█▅");
        assert_eq!((scale.first, scale.last, scale.lowest, scale.highest), (1, 7, 1, 10));
    }
}
