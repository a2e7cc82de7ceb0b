//! Finding and reading entries: list with its filters, show, search, ids.

mod common;

use common::{Home, entry};
use predicates::prelude::*;
use serde_json::Value;

/// Four entries over the year, oldest first, and one of today.
fn year(home: &Home) {
    let today = jiff::ZonedDateTime::now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    home.journal(&[
        entry("aaaa000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("January"), &["work"]),
        entry("bbbb000002", "why-and-for-whom", "2026-06-01T09:00:00+02:00", None, &["work", "home"]),
        entry("cccc000003", "five-tips", "2026-11-20T09:00:00+01:00", Some("November"), &["home"]),
        entry("dddd000004", "check-the-potential", &today, Some("Today"), &[]),
    ]);
}

/// The ids `bezin list ARGS` shows, in order.
fn listed(home: &Home, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend(args);
    home.stdout(&all).lines().skip(1).map(|line| line.split_whitespace().next().unwrap().to_owned()).collect()
}

#[test]
fn list_shows_the_newest_first_with_the_set_title_when_there_is_no_title() {
    let home = Home::new();
    year(&home);
    assert_eq!(listed(&home, &[]), ["dddd000", "cccc000", "bbbb000", "aaaa000"]);
    let out = home.stdout(&["list"]);
    let line = out.lines().nth(3).unwrap();
    assert!(line.contains("why-and-for-whom ") && line.contains(" Why and for whom "), "{out}");
    assert!(out.lines().nth(3).unwrap().ends_with("#work #home"), "{out}");
}

#[test]
fn each_filter_and_their_combinations_narrow_the_list() {
    let home = Home::new();
    year(&home);
    assert_eq!(listed(&home, &["--set", "five-tips"]), ["cccc000", "aaaa000"]);
    assert_eq!(listed(&home, &["--tag", "work"]), ["bbbb000", "aaaa000"]);
    assert_eq!(listed(&home, &["--tag", "work", "--tag", "HOME"]), ["bbbb000"]);
    assert_eq!(listed(&home, &["--since", "2026-06-01", "--until", "2026-11-20"]), ["cccc000", "bbbb000"]);
    assert_eq!(listed(&home, &["--since", "yesterday"]), ["dddd000"]);
    assert_eq!(listed(&home, &["--until", "2026-01-10"]), ["aaaa000"]);
    assert_eq!(listed(&home, &["--set", "five-tips", "--tag", "home", "--since", "2026-02-01"]), ["cccc000"]);
    assert_eq!(listed(&home, &["--limit", "2"]), ["dddd000", "cccc000"]);
    assert_eq!(listed(&home, &["--limit", "2", "--reverse"]), ["cccc000", "dddd000"]);
    assert_eq!(listed(&home, &["--limit", "0", "--reverse"]), ["aaaa000", "bbbb000", "cccc000", "dddd000"]);
}

#[test]
fn relative_dates_count_back_from_today() {
    let home = Home::new();
    year(&home);
    let since_days = jiff::ZonedDateTime::now().date().since(jiff::civil::date(2026, 11, 20)).unwrap().get_days();
    assert_eq!(listed(&home, &["--since", &format!("{since_days}d")]), ["dddd000", "cccc000"]);
    assert_eq!(listed(&home, &["--since", "2w", "--set", "five-tips"]).len(), usize::from(since_days <= 14));
}

#[test]
fn a_bad_date_is_one_line_naming_the_forms_that_work() {
    let home = Home::new();
    year(&home);
    home.run(&["list", "--since", "last tuesday"]).code(2).stderr(
        "bezin: 'last tuesday' is not a date; use a day like 2026-11-01, a time ago like 7d, 2w, 3m or 1y, or today or yesterday\n",
    );
}

#[test]
fn list_json_is_the_entries_with_the_journal_field_names() {
    let home = Home::new();
    year(&home);
    let out: Value = serde_json::from_str(&home.stdout(&["list", "--json", "--tag", "work"])).unwrap();
    let ids: Vec<&str> = out.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bbbb000002", "aaaa000001"]);
    assert_eq!(out[1]["answers"][0]["answer"], "Notes of aaaa000001");
}

#[test]
fn piped_output_is_plain_text() {
    let home = Home::new();
    year(&home);
    let out = home.command().env_remove("NO_COLOR").args(["list"]).assert().success().get_output().stdout.clone();
    assert!(!out.contains(&0x1b), "no escape codes when piped");
}

#[test]
fn ids_are_found_by_any_unique_prefix() {
    let home = Home::new();
    home.journal(&[
        entry("abc1000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("First"), &[]),
        entry("abd1000002", "five-tips", "2026-01-11T09:00:00+01:00", Some("Second"), &[]),
    ]);
    home.run(&["show", "abc"]).success().stdout(predicate::str::starts_with("First\n"));
    home.run(&["show", "last"]).success().stdout(predicate::str::starts_with("Second\n"));
    home.run(&["show", "ab"]).code(2).stderr(
        "bezin: the entry id 'ab' is ambiguous; it could be abc1000001 (2026-01-10, five-tips), abd1000002 (2026-01-11, five-tips)\n",
    );
    home.run(&["show", "zz"]).code(2).stderr("bezin: no entry has the id 'zz' (bezin list shows them)\n");
}

#[test]
fn show_names_the_entry_it_follows_and_those_that_follow_it() {
    let home = Home::new();
    let mut after = entry("bbbb000002", "after-the-conversation", "2026-01-12T09:00:00+01:00", Some("After"), &[]);
    after["follows"] = "aaaa000001".into();
    home.journal(&[entry("aaaa000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("Before"), &[]), after]);
    home.run(&["show", "aaaa"])
        .success()
        .stdout(predicate::str::contains("What happened?\n  Notes of aaaa000001\n"))
        .stdout(predicate::str::ends_with("Followed by: bbbb000 2026-01-12 After\n"));
    home.run(&["show", "bbbb"]).success().stdout(predicate::str::ends_with("Follows: aaaa000 2026-01-10 Before\n"));
    let json: Value = serde_json::from_str(&home.stdout(&["show", "bbbb", "--json"])).unwrap();
    assert_eq!(json["follows"], "aaaa000001");
}

#[test]
fn search_ignores_case_and_accents_and_shows_a_snippet() {
    let home = Home::new();
    let mut accented = entry("aaaa000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("Één plus één"), &["drie"]);
    accented["answers"][0]["answer"] = "Samen maakten we er iets moois van: EEN plan voor de klas.".into();
    home.journal(&[accented, entry("bbbb000002", "five-tips", "2026-01-11T09:00:00+01:00", Some("Other"), &[])]);
    let out = home.stdout(&["search", "een"]);
    assert_eq!(
        out,
        "aaaa000  2026-01-10  five-tips  Één plus één\n  Title: Één plus één\n  \
         What happened?: Samen maakten we er iets moois van: EEN plan voor de klas.\n"
    );
    let out = home.stdout(&["search", "DRIE"]);
    assert!(out.contains("  Tags: drie"), "{out}");
    // In Dutch, the title and the tags are named in Dutch; an answer by its question, as it was asked.
    let out = home.stdout(&["search", "een", "--lang", "nl"]);
    assert!(out.contains("  Titel: Één plus één\n  What happened?: Samen"), "{out}");
    assert_eq!(home.stdout(&["search", "notes of", "--until", "2026-01-10"]).lines().count(), 0);
    let found: Value = serde_json::from_str(&home.stdout(&["search", "notes", "--json"])).unwrap();
    assert_eq!(found[0]["id"], "bbbb000002");
    assert_eq!(found[0]["hits"][0]["field"], "note");
    assert_eq!(found[0]["hits"][0]["question"], "What happened?");
    assert_eq!(found[0]["hits"][0]["snippet"], "Notes of bbbb000002");
}

/// `list` shows the person and gives the title the width it needs: the
/// tags give way first, then the set, then the person; no line is wider
/// than the terminal.
#[test]
fn list_gives_the_title_its_width_and_drops_columns_in_order() {
    let home = Home::new();
    let title = "A rather long title about the hours she asked for";
    let mut one =
        entry("aaaa000001", "check-the-potential", "2026-01-10T09:00:00+01:00", Some(title), &["work", "anna"]);
    one["person"] = serde_json::json!("Anna");
    home.journal(&[one]);
    for (columns, headers) in [
        ("120", "ID DATE PERSON TITLE SET TAGS"),
        ("80", "ID DATE PERSON TITLE SET"),
        ("60", "ID DATE PERSON TITLE"),
        ("45", "ID DATE TITLE"),
    ] {
        let shown =
            common::text(&home.command().env("COLUMNS", columns).arg("list").assert().success().get_output().stdout);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>().join(" "), headers, "{columns}: {shown}");
        let width: usize = columns.parse().unwrap();
        assert!(lines.iter().all(|line| line.chars().count() <= width), "{columns}: {shown}");
        assert_eq!(lines[1].contains(title), width >= 120, "{columns}: {shown}");
        assert!(lines[1].contains(&title[..20]), "{columns}: {shown}");
        assert_eq!(lines[1].contains("Anna"), headers.contains("PERSON"), "{columns}: {shown}");
    }
}

#[test]
fn search_without_a_text_says_what_it_needs_with_an_example() {
    let home = Home::new();
    home.run(&["search"])
        .code(2)
        .stderr(predicate::str::contains("search needs a text to look for, for example: bezin search Anna"));
}

/// The welcome at 60 columns gives each conversation to look back on the
/// whole command that does it, on a line of its own, naming the
/// conversation by the short id lists show; in Dutch too, where the
/// command carries `--lang nl`.
#[test]
fn the_welcome_never_cuts_a_command() {
    let home = Home::new();
    let id = home.save("five-tips", common::FIVE_TIPS, &["--title", "A title long enough to be cut at sixty columns"]);
    let short = &id[..7];
    for (args, command) in [
        (&[][..], format!("    bezin run after-the-conversation --follows {short}")),
        (&["--lang", "nl"], format!("bezin run after-the-conversation --follows {short} --lang nl")),
    ] {
        let shown =
            common::text(&home.command().args(args).env("COLUMNS", "60").assert().success().get_output().stdout);
        assert!(shown.lines().any(|line| line == command), "{shown}");
        assert!(shown.lines().all(|line| line.chars().count() <= 60), "{shown}");
    }
}

/// In Dutch, list, people, show, drafts, about and stats name their
/// columns and say what they say in Dutch.
#[test]
fn review_commands_speak_dutch() {
    let home = Home::new();
    let said = |args: &[&str]| {
        let output = home.command().args(args).args(["--lang", "nl"]).assert().success().get_output().clone();
        common::text(&output.stdout) + &common::text(&output.stderr)
    };
    assert_eq!(said(&["list"]), "Geen reflecties om te tonen; bezin run five-tips --lang nl begint er een.\n");
    assert_eq!(said(&["drafts"]), "Geen onafgemaakte reflecties.\n");
    let prepared = home.save("five-tips", common::FIVE_TIPS, &[]);
    let after = "what-happened = \"x\"\nhow-it-went = 7\ndesire-learned = \"x\"\ntook-time = \"x\"\n\
                 unplanned = false\nwhat-stopped = \"x\"\nown-part = \"x\"\ncalm-now = 8\nnext = \"x\"\n";
    home.save("after-the-conversation", after, &["--follows", &prepared]);
    let list = said(&["list"]);
    assert!(list.starts_with("ID       DATUM       PERSOON  TITEL"), "{list}");
    assert!(said(&["people"]).starts_with("NAAM  REFLECTIES  EERSTE"), "{}", said(&["people"]));
    let shown = said(&["show", &prepared]);
    assert!(shown.contains("Gevolgd door:") && !shown.contains("Followed by"), "{shown}");
    let about = said(&["about", "Anna"]);
    assert!(about.starts_with("Anna · 2 reflecties") && about.contains("terugblik:"), "{about}");
    let stats = said(&["stats"]);
    assert!(stats.starts_with("Reflecties: 2\nReeks: ") && stats.contains("\nPer maand\n"), "{stats}");
    assert!(stats.contains("; 1 antwoord\n") && !stats.contains("answer"), "{stats}");
}

/// Filters that keep no entry say so, not that the journal is empty.
#[test]
fn a_filter_that_keeps_no_entry_says_so_in_both_languages() {
    let home = Home::new();
    year(&home);
    for (lang, said) in [
        ("en", "No entry matches what you asked for; bezin list"),
        ("nl", "Geen reflectie past bij wat je vroeg; bezin list --lang nl toont ze allemaal."),
    ] {
        for args in [&["list", "--person", "Nobody"][..], &["list", "--set", "nope"], &["stats", "--tag", "none"]] {
            let out = home.command().args(args).args(["--lang", lang]).output().unwrap();
            let text = common::text(&out.stdout) + &common::text(&out.stderr);
            assert!(out.status.success() && text.contains(said), "{args:?} {lang}: {text}");
        }
    }
    let empty = Home::new();
    assert!(empty.stdout(&["stats"]).starts_with("No entries yet;"));
}
