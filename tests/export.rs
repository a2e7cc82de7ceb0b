//! Export to Markdown and JSON, and import from bezin and jrnl.

mod common;

use common::{Home, entry, text};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};
use yaml_rust2::{Yaml, YamlLoader};

/// Answers that try to break a Markdown document's structure.
const HOSTILE: [&str; 9] = [
    "# Not a heading\n## Nor this\nTitle\n=====\nSub\n---",
    "> not a quote\n- not a list\n+ nor\n* this\n1. or this\n2) this",
    "```\nnot code\n```\n~~~\nnor this\n~~~\n    indented is not code",
    "<div>not html</div> <b>bold?</b> <!-- comment -->",
    "back\\slash \\* and *stars* _under_ `ticks` [link](http://x) ![img](y) &amp; &copy;",
    "---\n***\n___\n| a | b |\n|---|---|",
    "trailing spaces  \nand a tab\there\n\n\nthree blank lines above",
    "  two leading spaces\n[ref]: http://example.com\n<http://auto.link>",
    "windows\r\nline endings\rand a lone return",
];

fn hostile_journal(home: &Home) {
    let entries: Vec<Value> = HOSTILE
        .iter()
        .enumerate()
        .map(|(n, answer)| {
            let mut e = entry(
                &format!("h{n:09}"),
                "five-tips",
                &format!("2026-01-1{n}T09:00:00+01:00"),
                Some(&format!("# Entry {n} *")),
                &["t"],
            );
            e["answers"] = json!([
                {"prompt": "a", "kind": "long", "question": format!("Question {n} <with> #marks"), "answer": answer},
                {"prompt": "b", "kind": "multi", "question": "Which?", "answer": ["- one", "# two"]},
                {"prompt": "c", "kind": "scale", "question": "How calm?", "range": [1, 10], "answer": 7},
                {"prompt": "d", "kind": "confirm", "question": "Ready?", "answer": true},
            ]);
            e
        })
        .collect();
    home.journal(&entries);
}

/// The document's headings as (level, text), and each block's text between them.
fn structure(markdown: &str) -> (Vec<(u8, String)>, Vec<String>) {
    let mut headings = Vec::new();
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_heading = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(level)) => {
                let depth = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    other => panic!("unexpected heading {other:?}"),
                };
                headings.push((depth, std::mem::take(&mut current)));
                in_heading = false;
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !in_heading => blocks.push(std::mem::take(&mut current)),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::List(_)) | Event::End(TagEnd::List(_)) => {}
            other => panic!("a person's words became structure: {other:?}"),
        }
    }
    (headings, blocks)
}

#[test]
fn markdown_keeps_every_answer_as_text_whatever_it_holds() {
    let home = Home::new();
    hostile_journal(&home);
    let markdown = home.stdout(&["export"]);
    let (headings, blocks) = structure(&markdown);
    let mut expected_headings = Vec::new();
    let mut expected_blocks = Vec::new();
    for (n, answer) in HOSTILE.iter().enumerate() {
        expected_headings.push((1, format!("# Entry {n} *")));
        for question in [format!("Question {n} <with> #marks"), "Which?".into(), "How calm?".into(), "Ready?".into()] {
            expected_headings.push((2, question));
        }
        expected_blocks.push(format!("2026-01-1{n} 09:00:00+01:00 · five-tips · tags: t"));
        expected_blocks.extend([answer.to_string(), "- one".into(), "# two".into(), "7/10".into(), "yes".into()]);
    }
    assert_eq!(headings, expected_headings);
    assert_eq!(blocks, expected_blocks);
}

#[test]
fn split_writes_one_note_per_entry_with_front_matter_a_vault_can_query() {
    let home = Home::new();
    let mut prep = entry(
        "aaaa000001",
        "five-tips",
        "2026-01-10T09:00:00+01:00",
        Some("Gesprek met Één: \"ja\"?"),
        &["deep work", "2026"],
    );
    prep["person"] = "Anna".into();
    let mut back = entry("bbbb000002", "after-the-conversation", "2026-02-01T18:30:00+01:00", None, &[]);
    back["follows"] = "aaaa000001".into();
    back["person"] = "Anna".into();
    back["answers"] =
        json!([{"prompt": "calm", "kind": "scale", "question": "How calm?", "range": [1, 5], "answer": 4}]);
    home.journal(&[prep, back]);
    let out = home.path().join("notes");
    home.run(&["export", "--split", "-o", out.to_str().unwrap()]).success();
    let names = names_in(&out);
    assert_eq!(
        names,
        [
            "2026-01-10-gesprek-met-een-ja-aaaa000001.md",
            "2026-02-01-after-the-conversation-bbbb000002.md",
            "index.md",
            "people/anna.md"
        ]
    );
    let first = front_matter(&out.join(&names[0]));
    assert_eq!(first["id"].as_str(), Some("aaaa000001"));
    assert_eq!(first["title"].as_str(), Some("Gesprek met Één: \"ja\"?"));
    assert_eq!(first["aliases"][0].as_str(), Some("Gesprek met Één: \"ja\"?"));
    assert_eq!(first["date"].as_str(), Some("2026-01-10"));
    assert_eq!(first["time"].as_str(), Some("2026-01-10T09:00:00"));
    assert_eq!(first["set"].as_str(), Some("five-tips"));
    assert_eq!(first["set_version"].as_i64(), Some(1));
    assert_eq!(first["lang"].as_str(), Some("en"));
    assert_eq!(first["person"].as_str(), Some("Anna"));
    let tags: Vec<&str> = first["tags"].as_vec().unwrap().iter().map(|tag| tag.as_str().unwrap()).collect();
    assert_eq!(tags, ["deep-work", "_2026"]);
    assert!(first["follows"].as_vec().unwrap().is_empty());
    assert_eq!(first["followed_by"][0].as_str(), Some("[[2026-02-01-after-the-conversation-bbbb000002]]"));
    let second = front_matter(&out.join(&names[1]));
    assert_eq!(second["follows"][0].as_str(), Some("[[2026-01-10-gesprek-met-een-ja-aaaa000001]]"));
    assert_eq!(second["calm"].as_i64(), Some(4));
    home.run(&["export", "--split"]).code(2).stderr(predicates::str::contains("--output"));
    home.run(&["export", "--links", "markdown"]).code(2).stderr(predicates::str::contains("--split"));
}

/// Every Markdown file under `folder`, by its path there, sorted.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = common::files_under(folder)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| path.strip_prefix(folder).unwrap().to_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

/// A note's front matter, read by a YAML parser.
fn front_matter(note: &Path) -> Yaml {
    let text = std::fs::read_to_string(note).unwrap();
    let yaml = text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
    YamlLoader::load_from_str(yaml).unwrap().remove(0)
}

/// The targets of the links in a note, wiki links too, as a parser of `CommonMark` finds them.
fn links_in(note: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(note).unwrap();
    let body = text.split_once("\n---\n").unwrap().1;
    Parser::new_ext(body, Options::ENABLE_WIKILINKS)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// Exports `home`'s journal into `out`, returning what it told.
fn export_into(home: &Home, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", "--split", "-o", out.to_str().unwrap()];
    args.extend(extra);
    text(&home.run(&args).success().get_output().stderr)
}

/// A preparation about Anna and its look-back, in Dutch.
fn conversation(home: &Home) {
    let mut prep = entry("prep000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("Talk with Anna"), &[]);
    prep["person"] = "Anna".into();
    prep["lang"] = "nl".into();
    prep["answers"] = json!([
        {"prompt": "desire", "kind": "long", "question": "Wat wil ze echt?", "answer": "Rust"},
        {"prompt": "frame", "kind": "long", "question": "Hoe kijk je ernaar?", "answer": "Plannen"},
    ]);
    let mut back =
        entry("back000002", "after-the-conversation", "2026-01-12T18:00:00+01:00", Some("Looking back"), &[]);
    back["follows"] = "prep000001".into();
    back["person"] = "Anna".into();
    back["lang"] = "nl".into();
    let open = entry("open000003", "five-tips", "2026-02-01T09:00:00+01:00", Some("Nobody yet"), &[]);
    home.journal(&[prep, back, open]);
}

#[test]
fn a_preparation_and_its_look_back_link_both_ways_and_to_the_persons_page() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &["--lang", "nl"]);
    let prep = "2026-01-10-talk-with-anna-prep000001";
    let back = "2026-01-12-looking-back-back000002";
    let open = "2026-02-01-nobody-yet-open000003";
    assert_eq!(links_in(&out.join(format!("{prep}.md"))), ["people/anna", back]);
    assert_eq!(links_in(&out.join(format!("{back}.md"))), ["people/anna", prep]);
    assert_eq!(links_in(&out.join("people/anna.md")), [back, prep], "newest first");
    assert_eq!(links_in(&out.join("index.md")), [open, "people/anna", open, back, prep]);
    let page = std::fs::read_to_string(out.join("people/anna.md")).unwrap();
    assert!(page.contains("Wat wil ze echt? Rust") && !page.contains("Plannen"), "the recalled answer: {page}");
    let note = std::fs::read_to_string(out.join(format!("{back}.md"))).unwrap();
    assert!(note.contains("\nOver: [[people/anna|Anna]]\n") && note.contains("\nVolgt op: [["), "{note}");
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("# Dagboek\n") && index.contains("## Open gesprekken\n") && index.contains("### 2026-02\n"));
}

#[test]
fn markdown_links_lead_to_the_notes_they_name() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("site");
    export_into(&home, &out, &["--links", "markdown"]);
    let prep = "2026-01-10-talk-with-anna-prep000001.md";
    assert_eq!(links_in(&out.join(prep)), ["people/anna.md", "2026-01-12-looking-back-back000002.md"]);
    assert_eq!(front_matter(&out.join(prep))["followed_by"][0].as_str(), Some("2026-01-12-looking-back-back000002.md"));
    for note in names_in(&out) {
        let from = out.join(&note);
        for link in links_in(&from) {
            assert!(from.parent().unwrap().join(&link).is_file(), "{note} links to {link}");
        }
    }
}

#[test]
fn a_new_title_moves_the_note_and_leaves_no_duplicate() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    home.run(&["edit", "prep000001", "--title", "Anna, the roster"]).success();
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("1 renamed, 0 removed"), "{told}");
    let names = names_in(&out);
    assert_eq!(names.iter().filter(|name| name.contains("prep000001")).count(), 1, "{names:?}");
    let prep = "2026-01-10-anna-the-roster-prep000001";
    assert!(names.contains(&format!("{prep}.md")));
    assert_eq!(links_in(&out.join("2026-01-12-looking-back-back000002.md")), ["people/anna", prep]);
    assert!(links_in(&out.join("people/anna.md")).contains(&prep.to_owned()));
}

#[test]
fn a_note_changed_by_hand_is_left_alone_and_the_export_says_so() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    let note = out.join("2026-01-10-talk-with-anna-prep000001.md");
    let annotated =
        std::fs::read_to_string(&note).unwrap().replace("\nRust\n", "\nRust\n\nMy note: she said so twice.\n");
    std::fs::write(&note, &annotated).unwrap();
    home.run(&["edit", "prep000001", "--tag", "work"]).success();
    let told = export_into(&home, &out, &[]);
    assert!(
        told.contains(
            "Left 2026-01-10-talk-with-anna-prep000001.md alone: it changed since bezin wrote it, or bezin did not \
             write it; bezin's version is in 2026-01-10-talk-with-anna-prep000001.bezin.md"
        ),
        "{told}"
    );
    assert_eq!(std::fs::read_to_string(&note).unwrap(), annotated);
    let beside = out.join("2026-01-10-talk-with-anna-prep000001.bezin.md");
    assert_eq!(front_matter(&beside)["tags"][0].as_str(), Some("work"));
    let told = export_into(&home, &out, &["--replace-changed"]);
    assert!(told.contains("that version is kept as 2026-01-10-talk-with-anna-prep000001.yours.md"), "{told}");
    let yours = std::fs::read_to_string(out.join("2026-01-10-talk-with-anna-prep000001.yours.md")).unwrap();
    assert_eq!(yours, annotated);
    assert_eq!(front_matter(&note)["tags"][0].as_str(), Some("work"));
    assert!(!beside.exists(), "the version beside is not needed any more");
}

#[test]
fn a_file_of_the_persons_own_at_a_notes_name_is_never_written_over() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.md"), "# My own index\n").unwrap();
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("Left index.md alone"), "{told}");
    assert_eq!(std::fs::read_to_string(out.join("index.md")).unwrap(), "# My own index\n");
    assert!(out.join("index.bezin.md").is_file());
}

#[test]
fn a_deleted_entrys_note_goes_unless_it_was_changed() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    let changed = out.join("2026-01-12-looking-back-back000002.md");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nWhat I did next.\n");
    std::fs::write(&changed, &text).unwrap();
    home.run(&["delete", "back000002", "--yes"]).success();
    home.run(&["delete", "open000003", "--yes"]).success();
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("Kept 2026-01-12-looking-back-back000002.md: its entry is gone"), "{told}");
    assert_eq!(std::fs::read_to_string(&changed).unwrap(), text);
    assert!(!out.join("2026-02-01-nobody-yet-open000003.md").exists());
    assert_eq!(links_in(&out.join("2026-01-10-talk-with-anna-prep000001.md")), ["people/anna"]);
}

#[test]
fn a_second_export_with_nothing_changed_writes_nothing() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("new/vault");
    export_into(&home, &out, &[]);
    let stamps = |out: &Path| -> Vec<(PathBuf, u64, i64, i64)> {
        common::files_under(out)
            .into_iter()
            .map(|path| {
                let meta = std::fs::symlink_metadata(&path).unwrap();
                let mode = meta.permissions().mode() & 0o777;
                assert_eq!(mode, if meta.is_dir() { 0o700 } else { 0o600 }, "{}", path.display());
                (path, meta.ino(), meta.mtime(), meta.mtime_nsec())
            })
            .collect()
    };
    let before = stamps(&out);
    let told = export_into(&home, &out, &[]);
    assert!(told.contains(": 0 written, 5 as they were, 0 renamed, 0 removed"), "{told}");
    assert_eq!(stamps(&out), before);
}

#[test]
fn a_linked_entrys_new_title_is_written_into_the_notes_that_link_to_it() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    let back = out.join("2026-01-12-looking-back-back000002.md");
    let before = std::fs::read_to_string(&back).unwrap();
    // The same file name: only the text of the links to it changes.
    home.run(&["edit", "prep000001", "--title", "Talk with Anna!"]).success();
    let told = export_into(&home, &out, &[]);
    assert!(told.contains(": 4 written, 1 as they were, 0 renamed, 0 removed"), "{told}");
    let after = std::fs::read_to_string(&back).unwrap();
    assert_ne!(after, before, "the look-back's own entry did not change, its link did");
    assert!(after.contains("[[2026-01-10-talk-with-anna-prep000001|Talk with Anna!]]"), "{after}");
    for page in ["people/anna.md", "index.md"] {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(text.contains("|Talk with Anna!]]"), "{page}: {text}");
    }
}

#[test]
fn a_sets_new_title_moves_the_notes_named_after_it() {
    let home = Home::new();
    let set = "id = \"mine\"\nversion = 1\ntitle = \"Morning pages\"\ndescription = \"d\"\n\n\
               [[prompts]]\nid = \"note\"\nkind = \"long\"\nask = \"What happened?\"\n";
    home.write("prompts/mine.toml", set);
    home.journal(&[entry("mine000001", "mine", "2026-01-10T09:00:00+01:00", None, &[])]);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    assert!(out.join("2026-01-10-morning-pages-mine000001.md").is_file(), "{:?}", names_in(&out));
    home.write("prompts/mine.toml", &set.replace("Morning pages", "Evening pages"));
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("1 renamed"), "{told}");
    assert_eq!(names_in(&out), ["2026-01-10-evening-pages-mine000001.md", "index.md"]);
    let note = std::fs::read_to_string(out.join("2026-01-10-evening-pages-mine000001.md")).unwrap();
    assert!(note.contains("\n# Evening pages — 2026-01-10\n"), "{note}");
}

#[test]
fn a_note_changed_or_removed_by_hand_is_seen_when_nothing_else_changed() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    let note = out.join("2026-01-10-talk-with-anna-prep000001.md");
    let mine = std::fs::read_to_string(&note).unwrap() + "\nMy own line.\n";
    std::fs::write(&note, &mine).unwrap();
    std::fs::remove_file(out.join("index.md")).unwrap();
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("Left 2026-01-10-talk-with-anna-prep000001.md alone"), "{told}");
    assert_eq!(std::fs::read_to_string(&note).unwrap(), mine);
    assert!(out.join("2026-01-10-talk-with-anna-prep000001.bezin.md").is_file());
    assert!(out.join("index.md").is_file(), "a note removed by hand is written again");
    let told = export_into(&home, &out, &[]);
    assert!(told.contains("Left 2026-01-10-talk-with-anna-prep000001.md alone"), "said again: {told}");
    assert!(told.contains(": 0 written,"), "{told}");
}

#[test]
fn other_links_or_another_language_rewrite_every_note() {
    let home = Home::new();
    conversation(&home);
    let out = home.path().join("vault");
    export_into(&home, &out, &[]);
    let told = export_into(&home, &out, &["--links", "markdown"]);
    assert!(told.contains(": 4 written, 1 as they were"), "all but the note with no links: {told}");
    let prep = out.join("2026-01-10-talk-with-anna-prep000001.md");
    assert_eq!(links_in(&prep), ["people/anna.md", "2026-01-12-looking-back-back000002.md"]);
    let told = export_into(&home, &out, &["--links", "markdown", "--lang", "nl"]);
    assert!(told.contains(": 2 geschreven, 3 ongewijzigd"), "the page and the overview: {told}");
    assert!(std::fs::read_to_string(out.join("index.md")).unwrap().contains("# Dagboek\n"));
}

#[test]
fn a_json_export_imported_into_an_empty_journal_exports_the_same_bytes() {
    let home = Home::new();
    hostile_journal(&home);
    let backup = home.path().join("backup.json");
    home.run(&["export", "--format", "json", "-o", backup.to_str().unwrap()]).success();
    let parsed: Value = serde_json::from_slice(&std::fs::read(&backup).unwrap()).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), HOSTILE.len());
    assert_eq!(parsed[0]["answers"][0]["answer"], HOSTILE[0]);
    let other = Home::new();
    other.run(&["import", backup.to_str().unwrap()]).success().stdout(format!(
        "Imported {} entries into {} (0 already there, skipped)\n",
        HOSTILE.len(),
        other.journal_place().display()
    ));
    let again = other.command().args(["export", "--format", "json"]).assert().success().get_output().stdout.clone();
    assert_eq!(again, std::fs::read(&backup).unwrap());
}

/// An export saved again by an editor that puts a byte-order mark first is
/// read as it was; one with text after its end is refused whole, so that
/// nothing of a file cut and pasted together goes in unseen.
#[test]
fn an_export_with_a_byte_order_mark_is_imported_and_one_with_text_after_its_end_is_refused() {
    let home = Home::new();
    let incoming = json!([entry("t1", "five-tips", "2026-01-01T09:00:00+01:00", None, &[])]).to_string();
    let marked = home.write("marked.json", &format!("\u{feff}{incoming}"));
    home.run(&["import", marked.to_str().unwrap()])
        .success()
        .stdout(predicates::str::starts_with("Imported 1 entry into"));
    let joined = home.write("joined.json", &format!("{incoming}\n[{{\"more\": 1}}]\n"));
    home.run(&["import", joined.to_str().unwrap()])
        .code(2)
        .stderr(predicates::str::contains("more text after the end of the JSON"))
        .stderr(predicates::str::contains("joined.json"));
    assert_eq!(home.entries().len(), 1);
}

/// A journal of entries, a line each, saved again by an editor that puts a
/// byte-order mark first keeps its first entry: the mark is no damage.
#[test]
fn a_journal_with_a_byte_order_mark_is_imported_from_its_first_line() {
    let home = Home::new();
    let lines = [
        entry("m1", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]).to_string(),
        entry("m2", "five-tips", "2026-01-02T09:00:00+01:00", None, &[]).to_string(),
    ];
    let marked = home.write("marked.jsonl", &format!("\u{feff}{}\n", lines.join("\n")));
    home.run(&["import", marked.to_str().unwrap()])
        .success()
        .stdout(predicates::str::starts_with("Imported 2 entries into"))
        .stderr("");
    assert_eq!(home.entries().len(), 2);
}

#[test]
fn import_merges_older_entries_into_time_order_and_skips_what_is_there() {
    let home = Home::new();
    home.journal(&[
        entry("t2", "five-tips", "2026-01-02T09:00:00+01:00", None, &[]),
        entry("t4", "five-tips", "2026-01-04T09:00:00+01:00", None, &[]),
    ]);
    let incoming = json!([
        entry("t5", "five-tips", "2026-01-05T09:00:00+01:00", None, &[]),
        entry("t1", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]),
        entry("t4", "five-tips", "2026-01-04T09:00:00+01:00", None, &[]),
        entry("t3", "five-tips", "2026-01-03T10:00:00+02:00", None, &[]),
    ]);
    let file = home.write("in.json", &incoming.to_string());
    home.run(&["import", file.to_str().unwrap()]).success().stdout(predicates::str::starts_with("Imported 3 entries"));
    let ids: Vec<String> = home.entries().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5"]);
}

#[test]
fn a_real_jrnl_export_becomes_entries_of_the_set_jrnl() {
    let home = Home::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/jrnl-export.json");
    home.run(&["import", sample]).success().stdout(predicates::str::starts_with("Imported 4 entries"));
    let entries = home.entries();
    let titles: Vec<&str> = entries.iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Called Anna about the roster.",
            "Team meeting went sideways.",
            "Listened first, then answered.",
            "Café talk with Bram. Eén plus één wordt drie.",
        ]
    );
    assert!(entries.iter().all(|e| e["set"] == "jrnl"));
    assert_eq!(entries[1]["tags"], json!(["work", "leadership"]));
    assert_eq!(entries[2]["tags"], json!(["starred"]));
    assert!(entries[1]["finished"].as_str().unwrap().starts_with("2026-10-12T17:45:00"));
    assert_eq!(entries[3]["answers"][0]["answer"], "Second line: \"quotes\" and a \\ backslash.\n\n# not a heading");
    home.run(&["import", sample])
        .success()
        .stdout(predicates::str::contains("Imported 0 entries").and(predicates::str::contains("(4 already there")));
    let found = home.stdout(&["search", "een plus"]);
    assert!(found.contains("Café talk with Bram"), "{found}");
}

#[test]
fn a_file_that_is_no_export_is_refused_in_one_line() {
    let home = Home::new();
    let file = home.write("notes.txt", "just some notes");
    home.run(&["import", file.to_str().unwrap()]).code(2).stderr(format!(
        "bezin: {} is not a bezin JSON export (bezin export --format json), a bezin journal, \
         or a jrnl export (jrnl --export json)\n",
        file.display()
    ));
    let broken = home.write("broken.json", "[{\"format\": 1}]");
    home.run(&["import", broken.to_str().unwrap()]).code(2).stderr(predicates::str::contains("missing field `id`"));
    assert!(text(&home.journal_bytes()).is_empty());
}

/// An older entry comes in on one line as `serde_json` writes it, whether
/// the export holds it so (kept byte for byte) or indented, with escapes
/// another tool wrote; an export cut short or run together is refused.
#[test]
fn an_older_entry_comes_in_on_one_line_however_the_export_writes_it() {
    let mut old = entry("old0000001", "five-tips", "2026-01-01T09:00:00+01:00", Some("Één/twee"), &["work"]);
    old["mood"] = json!({"colour": "blue", "score": 7});
    let spread = serde_json::to_string_pretty(&json!([old])).unwrap().replace("Één/twee", "\\u00c9\\u00e9n\\/twee");
    for export in [format!("[{old}]"), spread] {
        let home = Home::new();
        let file = home.write("export.json", &export);
        home.run(&["import", file.to_str().unwrap()]).success();
        assert_eq!(text(&home.journal_bytes()), format!("{old}\n"), "{export}");
    }
    let home = Home::new();
    let cut = &old.to_string()[..40];
    for (export, why) in [
        (format!("[{old}"), "expected ',' or ']' after an element of the array"),
        (format!("[{old}\n{old}]"), "expected ',' or ']' after an element of the array"),
        (format!("[{cut}"), "the file ends inside"),
    ] {
        let file = home.write("cut.json", &export);
        home.run(&["import", file.to_str().unwrap()]).code(2).stderr(predicates::str::contains(why));
        assert!(home.journal_bytes().is_empty(), "{export}");
    }
}

#[test]
fn every_heading_equals_its_question_whatever_it_holds() {
    let home = Home::new();
    let title = "Title\n# not a heading\n---\n\u{1b}]52;c;eA==\u{7}";
    let question = "Who, after\nAnna\n===\nsaid <b>no</b> \u{1b}[2J\u{202e}?";
    let mut e = entry("head000001", "five-tips", "2026-01-10T09:00:00+01:00", Some(title), &["a\nb"]);
    e["answers"] =
        json!([{"prompt": "a", "kind": "long", "question": question, "answer": "line\u{9b}one\n\u{1b}[8mtwo"}]);
    home.journal(&[e]);
    let output = home.run(&["export"]).success().get_output().stdout.clone();
    let markdown = text(&output);
    assert!(
        !markdown.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{markdown}"
    );
    // Controls that HTML cannot carry come back in their visible form, the rest as they are.
    let (headings, blocks) = structure(&markdown);
    let visible = |text: &str| text.replace('\u{1b}', "^[").replace('\u{7}', "^G").replace('\u{9b}', "<U+009B>");
    assert_eq!(headings, [(1, visible(title)), (2, visible(question))]);
    assert_eq!(blocks[1], visible("line\u{9b}one\n\u{1b}[8mtwo"));
    assert!(blocks[0].ends_with("tags: a\nb"), "{:?}", blocks[0]);
}

#[test]
fn split_files_are_private_synced_and_never_written_through_a_planted_link() {
    let home = Home::new();
    home.journal(&[entry("link000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("Planted"), &[])]);
    let out = home.path().join("notes");
    std::fs::create_dir(&out).unwrap();
    let outside = home.write("outside.txt", "not yours to change");
    std::os::unix::fs::symlink(&outside, out.join("2026-01-10-planted-link000001.md")).unwrap();
    home.run(&["export", "--split", "-o", out.to_str().unwrap()]).success();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "not yours to change");
    let written = out.join("2026-01-10-planted-link000001.md");
    let meta = std::fs::symlink_metadata(&written).unwrap();
    assert!(meta.is_file(), "the link is replaced by a file of its own");
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777, 0o600);
}

#[test]
fn export_refuses_to_overwrite_the_journal() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    home.journal(&[entry("self000001", "five-tips", "2026-01-10T09:00:00+01:00", None, &[])]);
    let before = home.journal_bytes();
    let link = home.path().join("link.md");
    std::os::unix::fs::symlink(home.journal_path(), &link).unwrap();
    for target in [home.journal_path(), link] {
        home.run(&["export", "-o", target.to_str().unwrap()])
            .code(2)
            .stderr(predicate::str::contains("is the journal itself"));
    }
    assert_eq!(home.journal_bytes(), before);
}
