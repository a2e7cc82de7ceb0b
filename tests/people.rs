//! The people reflected on: the prompt a set marks as naming the other
//! person, and the name each entry records.

mod common;

use common::{FIVE_TIPS, Home};

#[test]
fn an_entry_records_the_person_as_written() {
    let home = Home::new();
    let answers = FIVE_TIPS.replace("counterpart = \"Anna\"", "counterpart = \"  Anna de Vries \"");
    home.save("five-tips", &answers, &[]);
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["person"], "Anna de Vries");
    // A set without a person prompt records none.
    let sharp = "agreed = \"x\"\nhappened = \"x\"\nat-stake = \"x\"\ncomfort-zone = [\"habit\"]\nown-part = \"x\"\n\
                 sharp = \"x\"\nwho-keeps-you = \"x\"\n\
                 your-approach = \"x\"\nresolve = 7\n";
    home.save("keeping-each-other-sharp", sharp, &[]);
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["set"], "keeping-each-other-sharp");
    assert!(entry.get("person").is_none(), "{entry}");
}

#[test]
fn an_edited_name_changes_whom_the_entry_is_about() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    let file = home.write("name.toml", "counterpart = \" Otto \"\n");
    home.run(&["edit", &id, "--answers", file.to_str().unwrap()]).success();
    assert_eq!(home.entries()[0]["person"], "Otto");
    let people: serde_json::Value = serde_json::from_str(&home.stdout(&["people", "--json"])).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 1);
    assert_eq!(people[0]["name"], "Otto");
}

#[test]
fn every_built_in_set_that_asks_for_a_person_marks_that_prompt() {
    let home = Home::new();
    for (set, prompt) in
        [("five-tips", "counterpart"), ("desire-behind-the-request", "who"), ("opening-the-conversation", "client")]
    {
        let shown = home.stdout(&["sets", "show", set]);
        assert!(shown.contains(&format!("[{prompt}: text, the person]")), "{set}: {shown}");
        assert!(shown.contains(", recalled]"), "{set} marks answers worth recalling: {shown}");
    }
}

/// A five-tips entry about `person`, finished on `date`, as a journal line.
fn about(id: &str, person: &str, date: &str, lang: &str) -> serde_json::Value {
    let mut entry = common::entry(id, "five-tips", &format!("{date}T10:00:00+01:00"), None, &[]);
    entry["lang"] = lang.into();
    entry["answers"] = serde_json::json!([
        {"prompt": "counterpart", "kind": "text", "question": "Who?", "answer": person},
        {"prompt": "desire", "kind": "long", "question": "What might they long for?", "answer": format!("Desire of {id}")}
    ]);
    entry
}

/// Several people over years, one name written three ways, one entry that
/// looks back on a prepared conversation, and entries about no one.
fn journal(home: &Home) {
    let mut looked_back = common::entry("after01", "after-the-conversation", "2025-06-02T10:00:00+02:00", None, &[]);
    looked_back["follows"] = "eva2".into();
    home.journal(&[
        about("eva1", "Éva van Dijk", "2024-01-10", "nl"),
        about("bram1", "Bram", "2024-03-01", "en"),
        about("eva2", "eva van dijk ", "2025-06-01", "en"),
        looked_back,
        common::entry("note1", "jrnl", "2025-07-01T10:00:00+02:00", None, &[]),
        about("eva3", "  EVA VAN DIJK", "2026-02-03", "nl"),
        about("carla1", "Carla", "2025-12-24", "en"),
    ]);
}

#[test]
fn people_lists_everyone_once_most_recent_first_with_open_conversations() {
    let home = Home::new();
    journal(&home);
    let listed: serde_json::Value = serde_json::from_str(&home.stdout(&["people", "--json"])).unwrap();
    let rows: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {}",
                p["name"].as_str().unwrap(),
                p["reflections"],
                p["first"].as_str().unwrap(),
                p["last"].as_str().unwrap(),
                p["open"]
            )
        })
        .collect();
    // eva2 was looked back on; eva1 and eva3 are still open.
    assert_eq!(
        rows,
        ["EVA VAN DIJK 3 2024-01-10 2026-02-03 2", "Carla 1 2025-12-24 2025-12-24 1", "Bram 1 2024-03-01 2024-03-01 1"]
    );
    let table = home.stdout(&["people"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("NAME") && lines[0].contains("REFLECTIONS") && lines[0].contains("OPEN"), "{table}");
    assert!(lines[1].starts_with("EVA VAN DIJK") && lines[3].starts_with("Bram"), "{table}");
}

#[test]
fn no_one_yet_is_said_on_standard_error() {
    let home = Home::new();
    let out = home.run(&["people"]).success();
    assert!(common::text(&out.get_output().stdout).is_empty());
    assert!(common::text(&out.get_output().stderr).contains("No one yet"));
}

#[test]
fn person_picks_the_entries_about_someone_in_list_search_export_and_stats() {
    let home = Home::new();
    journal(&home);
    let ids = |json: &str| -> Vec<String> {
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        parsed.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&home.stdout(&["list", "--person", "Eva van Dijk", "--json"])), ["eva3", "eva2", "eva1"]);
    assert_eq!(
        ids(&home.stdout(&["list", "--person", " ÉVA   VAN DIJK", "--reverse", "--json"])),
        ["eva1", "eva2", "eva3"]
    );
    assert_eq!(ids(&home.stdout(&["search", "desire", "--person", "bram", "--json"])), ["bram1"]);
    let exported = home.stdout(&["export", "--format", "json", "--person", "carla"]);
    assert_eq!(ids(&exported), ["carla1"]);
    let stats: serde_json::Value =
        serde_json::from_str(&home.stdout(&["stats", "--person", "eva van dijk", "--json"])).unwrap();
    assert_eq!(stats["entries"], 3);
    assert_eq!(
        ids(&home.stdout(&["list", "--person", "Eva", "--json"])),
        Vec::<String>::new(),
        "a name, not a part of one"
    );
}

#[test]
fn about_shows_a_persons_timeline_with_what_was_worth_recalling() {
    let home = Home::new();
    journal(&home);
    let timeline: serde_json::Value = serde_json::from_str(&home.stdout(&["about", "ÉVA", "--json"])).unwrap();
    assert_eq!(timeline["name"], "EVA VAN DIJK");
    let reflections = timeline["reflections"].as_array().unwrap();
    let ids: Vec<&str> = reflections.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["eva1", "eva2", "eva3"], "oldest first");
    assert_eq!(reflections[0]["recalled"][0]["answer"], "Desire of eva1");
    assert_eq!(reflections[1]["looked_back"][0]["id"], "after01", "the prepared conversation with its look back");
    assert!(reflections[0].get("looked_back").is_none());

    let since: serde_json::Value =
        serde_json::from_str(&home.stdout(&["about", "eva van dijk", "--since", "2025-01-01", "--json"])).unwrap();
    assert_eq!(since["reflections"].as_array().unwrap().len(), 2);

    let text = home.stdout(&["about", "eva"]);
    assert!(text.starts_with("EVA VAN DIJK · 3 reflections\n"), "{text}");
    assert!(
        text.contains(
            "2024-01-10 Vijf tips voordat je antwoordt eva1\n  What might they long for?\n    Desire of eva1\n"
        ),
        "{text}"
    );
    assert!(text.contains("  looked back on:\n  2025-06-02"), "{text}");
}

#[test]
fn about_a_name_that_is_unknown_or_could_be_several_says_so() {
    let home = Home::new();
    home.journal(&[about("b1", "Bram", "2025-01-01", "en"), about("b2", "Brenda", "2025-01-02", "en")]);
    home.run(&["about", "br"]).code(2).stderr("bezin: 'br' could be 'Brenda', 'Bram'; give more of the name\n");
    home.run(&["about", "Carla"])
        .code(2)
        .stderr("bezin: no reflection is about 'Carla' (bezin people lists everyone)\n");
    home.run(&["about", "bram", "--json"]).success();
}

/// The day `days` days ago, `YYYY-MM-DD`.
fn days_ago(days: i64) -> String {
    let moment = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days);
    moment.strftime("%Y-%m-%d").to_string()
}

/// Prepared conversations over the last weeks: two open, one looked back
/// on, one open but too old for the welcome, and an entry of a set
/// without a follow-up.
fn prepared(home: &Home) {
    let mut opening = about("bram10", "Bram", &days_ago(10), "en");
    opening["set"] = "opening-the-conversation".into();
    opening["person"] = "Bram".into();
    let mut looked_back =
        common::entry("back09", "after-the-conversation", &format!("{}T10:00:00+01:00", days_ago(9)), None, &[]);
    looked_back["follows"] = "bram10".into();
    let mut desire = about("eva01", "Éva", &days_ago(1), "nl");
    desire["set"] = "desire-behind-the-request".into();
    desire["person"] = "Éva".into();
    home.journal(&[
        about("cas40", "Cas", &days_ago(40), "en"),
        opening,
        looked_back,
        about("anna03", "Anna", &days_ago(3), "en"),
        common::entry("note02", "jrnl", &format!("{}T10:00:00+01:00", days_ago(2)), None, &[]),
        desire,
    ]);
}

#[test]
fn the_welcome_shows_the_open_conversations_of_the_last_thirty_days_with_the_command_for_each() {
    let home = Home::new();
    prepared(&home);
    let welcome = home.stdout(&[]);
    let section = welcome.split("To look back on\n").nth(1).expect("a section of open conversations");
    let rows: Vec<&str> = section.lines().take_while(|line| !line.is_empty()).collect();
    // Each conversation, then the command that looks back on it on a line of its own.
    assert_eq!(rows.len(), 4, "{welcome}");
    assert!(rows[0].contains(&days_ago(1)) && rows[0].contains("Éva"), "{welcome}");
    assert_eq!(rows[1], "    bezin run after-the-conversation --follows eva01", "{welcome}");
    assert!(rows[2].contains("Anna") && rows[3].ends_with("--follows anna03"), "{welcome}");
    assert!(!welcome.contains("Bram") && !welcome.contains("Cas"), "looked back on, or too old: {welcome}");
    // The command shown does what it says, and the person carries over.
    home.save("after-the-conversation", AFTER, &["--follows", "anna03"]);
    let entry = home.entries().pop().unwrap();
    assert_eq!((entry["follows"].as_str(), entry["person"].as_str()), (Some("anna03"), Some("Anna")));
    let welcome = home.stdout(&[]);
    assert!(!welcome.contains("--follows anna03"), "{welcome}");
}

/// Answers for every prompt of after-the-conversation.
const AFTER: &str = "how-it-went = 7\nwhat-happened = \"x\"\ndesire-learned = \"x\"\ntook-time = \"x\"\n\
                     unplanned = false\nwhat-stopped = \"x\"\nown-part = \"x\"\ncalm-now = 7\nnext = \"x\"\n";

#[test]
fn a_look_back_offers_the_open_conversations_newest_first_and_carries_the_person_over() {
    let home = Home::new();
    prepared(&home);
    let mut p = common::spawn(&home, &["run", "after-the-conversation"]);
    common::at(&mut p, "Which conversation do you look back on?", "");
    // The session reads the screen a byte to a character.
    let offered = p.exp_string("none of these").unwrap().chars().map(|c| u8::try_from(c).unwrap()).collect();
    let offered = String::from_utf8(offered).unwrap();
    let eva = offered.find(&format!("{}  Éva", days_ago(1))).expect("Éva's, with its date");
    let anna = offered.find(&format!("{}  Anna", days_ago(3))).expect("Anna's, with its date");
    let cas = offered.find(&format!("{}  Cas", days_ago(40))).expect("an older open one too");
    assert!(eva < anna && anna < cas && !offered.contains("Bram"), "{offered}");
    // The second: Anna's.
    p.send("\x1b[B").unwrap();
    p.flush().unwrap();
    common::at(&mut p, "❯ ", "\r");
    common::at(&mut p, "This reflection follows", "");
    common::at(&mut p, "(1/", "What happened\r\r");
    common::at(&mut p, "(2/", "\x03");
    p.exp_eof().unwrap();
    let draft = common::drafts(&home).pop().expect("a draft");
    assert_eq!(draft["follows"], "anna03");
    // None of these: a look-back of its own.
    let mut p = common::spawn(&home, &["run", "after-the-conversation", "--fresh"]);
    common::at(&mut p, "none of these", "\x1b[B\x1b[B\x1b[B");
    common::at(&mut p, "❯ none", "\r");
    common::at(&mut p, "(1/", "What happened\r\r");
    common::at(&mut p, "(2/", "\x03");
    p.exp_eof().unwrap();
    let drafts = common::drafts(&home);
    assert!(drafts.iter().any(|draft| draft["follows"].is_null()), "{drafts:?}");
}

/// What the session showed before `text` appeared, as the person saw it.
fn seen_before(p: &mut rexpect::session::PtySession, text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    let seen = p.exp_string(&bytes).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    String::from_utf8(seen.chars().map(|c| u8::try_from(c).unwrap()).collect()).unwrap()
}

#[test]
fn a_name_seen_before_brings_back_the_last_reflection_at_once_in_both_languages() {
    let home = Home::new();
    home.journal(&[
        about("anna1", "Anna", "2025-03-01", "en"),
        about("bram1", "Bram", "2025-04-01", "en"),
        about("anna2", "anna ", "2026-01-15", "en"),
    ]);
    let mut p = common::spawn(&home, &["run", "five-tips"]);
    common::at(&mut p, "(1/", "");
    common::at(&mut p, "›", "ÁNNA\r");
    let block = seen_before(&mut p, "(2/");
    assert!(block.contains("ÁNNA: 2 reflections, the last on 2026-01-15 (Five tips before you answer)"), "{block}");
    assert!(block.contains("Desire of anna2") && !block.contains("anna1"), "{block}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    // In Dutch; and a new name brings back nothing.
    let mut p = common::spawn(&home, &["run", "five-tips", "--lang", "nl", "--fresh"]);
    common::at(&mut p, "›", "Bram\r");
    let block = seen_before(&mut p, "(2/");
    assert!(block.contains("Bram: 1 reflectie, de laatste op 1 april 2025"), "{block}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    let mut p = common::spawn(&home, &["run", "five-tips", "--fresh"]);
    common::at(&mut p, "›", "Zoë\r");
    let block = seen_before(&mut p, "(2/");
    assert!(!block.contains("reflection"), "nothing for a new name: {block}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

/// The recall block shown when `name` is typed at the first question.
fn recalled(home: &Home, name: &str) -> String {
    let mut p = common::spawn(home, &["run", "five-tips", "--fresh"]);
    common::at(&mut p, "›", &format!("{name}\r"));
    let block = seen_before(&mut p, "(2/");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    block
}

#[test]
fn the_recall_follows_the_journal_through_saves_changes_and_a_journal_written_elsewhere() {
    let home = Home::new();
    home.journal(&[about("anna1", "Anna", "2025-03-01", "en"), about("bram1", "Bram", "2025-04-01", "en")]);
    let block = recalled(&home, "Anna");
    assert!(block.contains("Anna: 1 reflection, the last on 2025-03-01"), "{block}");
    // What the run gathered is kept; a save is added to it.
    home.save("five-tips", FIVE_TIPS, &[]);
    let today = home.entries()[2]["finished"].as_str().unwrap()[..10].to_owned();
    let block = recalled(&home, "anna");
    assert!(block.contains(&format!("anna: 2 reflections, the last on {today}")), "{block}");
    // A change to an old entry.
    home.run(&["delete", "anna1", "--yes"]).success();
    let block = recalled(&home, "Anna");
    assert!(block.contains(&format!("Anna: 1 reflection, the last on {today}")), "{block}");
    // A journal written elsewhere (a sync, another machine).
    home.journal(&[about("bram1", "Bram", "2025-04-01", "en"), about("anna3", "Ánna", "2024-01-01", "en")]);
    let block = recalled(&home, "Anna");
    assert!(block.contains("Anna: 1 reflection, the last on 2024-01-01"), "{block}");
    let block = recalled(&home, "Bram");
    assert!(block.contains("Bram: 1 reflection, the last on 2025-04-01"), "{block}");
}
