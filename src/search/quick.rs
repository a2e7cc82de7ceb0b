//! The quick test on raw journal lines: it lets through every line that
//! may hold the query, so that only those lines are parsed. It must never
//! miss a real match; a line it lets through is checked exactly.
//!
//! A line holds text as UTF-8 or as JSON escapes (`\u00fc`, `\"`), so each
//! character of the folded query stands for every character that folds to
//! it, in either form, with folded-away marks after it. A character that
//! folds to several (ß to ss, ﬁ to fi) is an edge over several places of
//! the query, and at either end of the query it may be covered in part.
//! The places and edges make a small graph; a regex of its paths decides.
//!
//! A regex that tangled reads every byte one at a time, so the test first
//! looks for the forms of one place of the query, the one whose letter is
//! rarest in journal lines (the `z` of `łukasz`), with a vectorised search
//! for a few strings, and runs the regex only on the lines that hold one.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::bytes::Regex;

use super::fold::fold_char;

/// The quick test for one query.
pub struct Quick {
    /// The forms of the query's rarest place: a line that holds the query holds one.
    rarest: AhoCorasick,
    /// The query in every form a raw line may hold it.
    pattern: Regex,
}

impl Quick {
    /// The quick test for the folded `query`; `None` when the query is too
    /// tangled to say (then every line is a candidate).
    pub fn new(query: &str) -> Option<Quick> {
        let query: Vec<char> = query.chars().collect();
        let edges = edges(&query);
        let pattern = Regex::new(&pattern(&edges, query.len())?).ok()?;
        // Leftmost-first lets the search use its vectorised prefilter.
        let rarest = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(forms_at(&edges, rarest_place(&query)))
            .ok()?;
        Some(Quick { rarest, pattern })
    }

    /// Where the lines of `block` are that may hold the query, each once.
    pub fn lines(&self, block: &[u8]) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut from = 0;
        while let Some(found) = self.rarest.find(Input::new(block).range(from..)) {
            let line = super::line_around(block, found.start());
            from = (line.end + 1).min(block.len());
            if self.pattern.is_match(&block[line.clone()]) {
                lines.push(line);
            }
        }
        lines
    }

    /// The regex that decides, to compare two quick tests.
    #[cfg(test)]
    pub fn pattern(&self) -> &str {
        self.pattern.as_str()
    }
}

/// The characters that may fold to something else: planes 0 and 1 hold
/// every script with case or accents (plane 2 and above are ideographs).
const FOLDING: std::ops::RangeInclusive<char> = '\u{41}'..='\u{1ffff}';

/// The most paths one stretch of the graph may have before the quick test
/// gives up (and every line is parsed).
const MOST_PATHS: usize = 256;

/// What folds to what: the characters that fold to one character, by that
/// character, and those that fold to several.
struct Inverse {
    single: BTreeMap<char, Vec<char>>,
    several: Vec<(char, String)>,
}

fn inverse() -> &'static Inverse {
    static INVERSE: OnceLock<Inverse> = OnceLock::new();
    INVERSE.get_or_init(|| {
        let mut inverse = Inverse { single: BTreeMap::new(), several: Vec::new() };
        let mut to = String::new();
        for c in FOLDING {
            to.clear();
            fold_char(c, &mut |part| to.push(part));
            let mut letters = to.chars();
            match (letters.next(), letters.next()) {
                (Some(one), None) if one != c => inverse.single.entry(one).or_default().push(c),
                (Some(_), Some(_)) => inverse.several.push((c, to.clone())),
                _ => {}
            }
        }
        inverse
    })
}

/// A regex for raw journal lines that holds every line where the folded
/// query, of `n` characters, may be; `None` when the query is too tangled
/// to say.
fn pattern(edges: &[Edge], n: usize) -> Option<String> {
    let mut pattern = String::new();
    let mut start = 0;
    while start < n {
        let end = stretch_end(edges, start, n);
        pattern.push_str(&paths(edges, start, end)?);
        start = end;
    }
    Some(pattern)
}

/// ASCII letters from the rarest in journal lines to the most common:
/// first those that no field name holds (every line holds the others, in
/// `question` or `kind`), each group from the rarest in English and Dutch.
const RAREST_FIRST: &str = "zxjybqkvwfgpmhcudlsronitae";

/// The place of the query whose character is rarest in journal lines: a
/// character of another script, else the rarest letter; the first of equals.
fn rarest_place(query: &[char]) -> usize {
    let rank = |c: char| {
        if c.is_ascii() { RAREST_FIRST.find(c).map_or(RAREST_FIRST.len() + 1, |at| at + 1) } else { 0 }
    };
    (0..query.len()).min_by_key(|&at| rank(query[at])).unwrap_or(0)
}

/// Every string a raw line that holds the query holds where the query's
/// place `at` is: each character of an edge over it, raw or as its short
/// escape (`\"`), and the start of a `\u` escape.
fn forms_at(edges: &[Edge], at: usize) -> Vec<String> {
    let mut forms = vec![r"\u".to_owned()];
    for &c in edges.iter().filter(|edge| edge.from <= at && at < edge.to).flat_map(|edge| &edge.chars) {
        forms.push(c.to_string());
        let short = match c {
            '"' | '\\' | '/' => Some(c),
            '\u{8}' => Some('b'),
            '\u{c}' => Some('f'),
            '\n' => Some('n'),
            '\r' => Some('r'),
            '\t' => Some('t'),
            _ => None,
        };
        forms.extend(short.map(|letter| format!("\\{letter}")));
    }
    forms.sort_unstable();
    forms.dedup();
    forms
}

/// An edge of the graph: from one place of the query to a later one, and
/// the characters that cover what lies between.
struct Edge {
    from: usize,
    to: usize,
    chars: Vec<char>,
}

fn edges(query: &[char]) -> Vec<Edge> {
    let inverse = inverse();
    let mut edges: Vec<Edge> = Vec::new();
    for (at, &c) in query.iter().enumerate() {
        let mut chars = vec![c];
        chars.extend(inverse.single.get(&c).into_iter().flatten());
        edges.push(Edge { from: at, to: at + 1, chars });
    }
    let text: String = query.iter().collect();
    for (c, to) in &inverse.several {
        for (from, end) in covers(&text, to) {
            match edges.iter_mut().find(|edge| (edge.from, edge.to) == (from, end)) {
                Some(edge) => edge.chars.push(*c),
                None => edges.push(Edge { from, to: end, chars: vec![*c] }),
            }
        }
    }
    edges
}

/// The places of the query (in characters) that `to`, what one character
/// folds to, may cover: wholly inside the query, or over either end.
fn covers(query: &str, to: &str) -> Vec<(usize, usize)> {
    let places: Vec<usize> = query.char_indices().map(|(at, _)| at).chain([query.len()]).collect();
    let place = |byte: usize| places.iter().position(|&at| at == byte);
    let mut covered = Vec::new();
    for (from, &at) in places.iter().enumerate() {
        let rest = &query[at..];
        if rest.starts_with(to) {
            covered.extend(place(at + to.len()).map(|end| (from, end)));
        } else if !rest.is_empty() && to.starts_with(rest) {
            covered.push((from, places.len() - 1));
        }
    }
    // Over the start: `to` ends with the query's first characters, or holds the whole query.
    for (end, &at) in places.iter().enumerate().skip(1) {
        let head = &query[..at];
        if (to.ends_with(head) && to.len() > head.len()) || (end == places.len() - 1 && to.contains(query)) {
            covered.push((0, end));
        }
    }
    covered.sort_unstable();
    covered.dedup();
    covered
}

/// Where the stretch of the graph that starts at `start` ends: the first
/// place after it that no edge jumps over.
fn stretch_end(edges: &[Edge], start: usize, n: usize) -> usize {
    let mut end = start + 1;
    while end < n && edges.iter().any(|edge| edge.from < end && edge.to > end && edge.from >= start) {
        end =
            edges.iter().filter(|edge| edge.from >= start && edge.from < end).map(|edge| edge.to).max().unwrap_or(end);
    }
    end
}

/// Every path from `start` to `end` as alternatives, or `None` when there are too many.
fn paths(edges: &[Edge], start: usize, end: usize) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    let mut stack: Vec<(usize, String)> = vec![(start, String::new())];
    while let Some((at, so_far)) = stack.pop() {
        if at == end {
            found.push(so_far);
            if found.len() > MOST_PATHS {
                return None;
            }
            continue;
        }
        for edge in edges.iter().filter(|edge| edge.from == at && edge.to <= end) {
            stack.push((edge.to, format!("{so_far}{}", unit(&edge.chars))));
        }
    }
    Some(if found.len() == 1 { found.remove(0) } else { format!("(?:{})", found.join("|")) })
}

/// Any of `chars` as a raw line holds it, with the marks that fold away
/// after it. A JSON escape stands for any character: the regex stays small
/// and fast, and a line it lets through too many is checked exactly.
fn unit(chars: &[char]) -> String {
    let raw: String = chars.iter().map(|c| regex::escape(c.encode_utf8(&mut [0; 4]))).collect();
    format!("(?:[{raw}]|{ESCAPE})(?:{MARK})*")
}

/// Any JSON escape: `\u` with four hex digits (and a second for a surrogate
/// pair), or a short one such as `\"`.
const ESCAPE: &str = r"\\(?:u[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|[^u])";

/// A diacritical mark, raw or escaped.
const MARK: &str = "[\u{300}-\u{36f}\u{1ab0}-\u{1aff}\u{1dc0}-\u{1dff}\u{20d0}-\u{20ff}\u{fe20}-\u{fe2f}]\
                    |\\\\u(?i:03[0-6][0-9a-f]|1a[b-f][0-9a-f]|1d[c-f][0-9a-f]|20[d-f][0-9a-f]|fe2[0-9a-f])";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rarest_place_is_a_rare_letter_or_one_of_another_script() {
        let place = |query: &str| rarest_place(&query.chars().collect::<Vec<char>>());
        assert_eq!(place("lukasz"), 5);
        assert_eq!(place("zeldzaamheid"), 0);
        assert_eq!(place("een plus"), 4);
        assert_eq!(place("cafe дом"), 5);
        assert_eq!(place("2026"), 0);
    }

    #[test]
    fn every_form_of_the_rarest_place_is_looked_for() {
        let query: Vec<char> = "strasse".chars().collect();
        let forms = forms_at(&edges(&query), rarest_place(&query));
        for form in ["s", "S", "ś", "ſ", "ß", "ẞ", r"\u"] {
            assert!(forms.iter().any(|found| found == form), "{form} in {forms:?}");
        }
        let quoted: Vec<char> = "\"".chars().collect();
        assert_eq!(forms_at(&edges(&quoted), 0), [r#"""#, r#"\""#, r"\u"]);
    }
}
