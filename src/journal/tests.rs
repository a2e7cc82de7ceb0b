use super::*;
use crate::answer::Answer;
use crate::lang::Lang;
use proptest::prelude::*;
use std::os::unix::fs::PermissionsExt;

fn entry(id: &str, answer: &str) -> Entry {
    Entry {
        format: FORMAT,
        id: id.to_owned(),
        set: "five-tips".to_owned(),
        set_version: 1,
        lang: Lang::En,
        started: "2026-11-24T09:00:00+01:00".to_owned(),
        finished: "2026-11-24T09:10:00+01:00".to_owned(),
        title: None,
        tags: vec![],
        follows: None,
        also_follows: Vec::new(),
        person: None,
        answers: vec![Recorded {
            prompt: "note".to_owned(),
            kind: "long".to_owned(),
            question: "What?".to_owned(),
            range: None,
            answer: Answer::Text(answer.to_owned()),
        }],
        edited: None,
        closed: None,
    }
}

fn ids(journal: &Journal) -> Vec<String> {
    let mut ids = Vec::new();
    journal
        .each(
            |entry| {
                ids.push(entry.id);
                Ok(ControlFlow::Continue(()))
            },
            |damaged| panic!("damaged: {damaged:?}"),
        )
        .unwrap();
    ids
}

#[test]
fn appended_entries_read_back_in_order_with_owner_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("new/journal.jsonl"), dir.path().join("state"));
    journal.append(&entry("abc1234567", "one")).unwrap();
    journal.append(&entry("abd1234567", "two")).unwrap();
    assert_eq!(ids(&journal), ["abc1234567", "abd1234567"]);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let log = own_log(&journal);
    assert_eq!((mode(&log), mode(log.parent().unwrap())), (0o600, 0o700));
    assert_eq!((mode(journal.path()), mode(&dir.path().join("new"))), (0o700, 0o700));
}

/// This device's newest log in the journal's folder.
fn own_log(journal: &Journal) -> PathBuf {
    let logs = journal.folder().unwrap().unwrap().logs().unwrap();
    logs.iter().rfind(|log| log.number.is_some()).unwrap().path.clone()
}

#[test]
fn a_torn_last_line_is_moved_aside_before_the_next_append() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
    journal.append(&entry("aaaaaaaaaa", "whole")).unwrap();
    let torn = &entry("bbbbbbbbbb", "cut off").to_line()[..40];
    fs::OpenOptions::new().append(true).open(own_log(&journal)).unwrap().write_all(torn.as_bytes()).unwrap();
    let moved = journal.append(&entry("cccccccccc", "after")).unwrap().expect("the torn line is moved aside");
    assert_eq!(moved.line, 2);
    assert_eq!(fs::read_to_string(&moved.path).unwrap(), torn);
    assert_eq!(fs::metadata(&moved.path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(ids(&journal), ["aaaaaaaaaa", "cccccccccc"]);
}

#[test]
fn a_whole_last_entry_without_its_newline_only_gets_the_newline() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
    fs::write(journal.path(), entry("aaaaaaaaaa", "no newline").to_line()).unwrap();
    assert!(journal.append(&entry("bbbbbbbbbb", "next")).unwrap().is_none());
    assert_eq!(ids(&journal), ["aaaaaaaaaa", "bbbbbbbbbb"]);
}

#[test]
fn prefixes_find_unique_entries_and_name_ambiguous_ones() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
    journal.append(&entry("abc1234567", "x")).unwrap();
    journal.append(&entry("abd1234567", "y")).unwrap();
    assert_eq!(journal.find("abc", |_| {}).unwrap().id, "abc1234567");
    assert_eq!(journal.find("last", |_| {}).unwrap().id, "abd1234567");
    let err = journal.find("ab", |_| {}).unwrap_err().to_string();
    assert!(err.starts_with("the entry id 'ab' is ambiguous; it could be abc1234567"), "{err}");
}

#[test]
fn a_damaged_line_read_from_the_end_still_gets_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
    let lines = format!("{}\n{{broken\n{}\n", entry("a", "x").to_line(), entry("b", "y").to_line());
    fs::write(journal.path(), lines).unwrap();
    let mut damaged = Vec::new();
    let newest = journal.newest(|entry| entry.id == "a", |d| damaged.push(d)).unwrap();
    assert_eq!(newest.unwrap().id, "a");
    assert_eq!(journal.numbers().of(&damaged[0]), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever a person writes comes back from the journal and from a
    /// JSON export exactly as it went in.
    #[test]
    fn any_answer_round_trips_through_the_journal_and_json(answer in any::<String>()) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        journal.append(&entry("aaaaaaaaaa", &answer)).unwrap();
        let back = journal.find("last", |_| {}).unwrap();
        prop_assert_eq!(&back.answers[0].answer, &Answer::Text(answer.clone()));
        let exported = format!("[\n{}\n]\n", serde_json::to_string(&back).unwrap());
        let imported: Vec<Entry> = serde_json::from_str(&exported).unwrap();
        prop_assert_eq!(&imported[0].answers[0].answer, &Answer::Text(answer));
    }

    /// Random bytes as a journal: every reader skips what it cannot read.
    #[test]
    fn random_bytes_as_a_journal_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        fs::write(journal.path(), &bytes).unwrap();
        journal.each(|_| Ok(ControlFlow::Continue(())), |_| {}).unwrap();
        let _ = journal.newest(|_| true, |_| {}).unwrap();
        let whole = |block: &[u8]| std::iter::once(0..block.len()).collect();
        journal.pick_back(&[], whole, |line| { let _ = line.parse(); Ok(ControlFlow::Continue(())) }).unwrap();
        let _ = journal.find("a", |_| {});
        // A file that holds no entry is no journal: it is left as it is.
        match journal.append(&entry("zzzzzzzzzz", "after")) {
            Ok(_) => prop_assert_eq!(
                journal.newest(|_| true, |_| {}).unwrap().map(|e| e.id), Some("zzzzzzzzzz".to_owned())
            ),
            Err(err) => {
                prop_assert!(err.to_string().contains("holds no bezin entry"), "{err}");
                prop_assert_eq!(fs::read(journal.path()).unwrap(), bytes);
            }
        }
    }
}

/// A view that cannot be written for want of room or of the right to write
/// is told from other failures, which are said as they are.
#[test]
fn a_full_disk_or_a_place_that_takes_nothing_is_told_from_other_failures() {
    for kind in [ErrorKind::StorageFull, ErrorKind::ReadOnlyFilesystem, ErrorKind::PermissionDenied] {
        let failed = anyhow::Error::from(std::io::Error::from(kind)).context("could not write the view");
        assert_eq!(no_room(&failed), Some(kind));
    }
    let damaged = anyhow::Error::from(std::io::Error::from(ErrorKind::InvalidData)).context("could not read");
    assert_eq!(no_room(&damaged), None);
    assert_eq!(no_room(&anyhow::anyhow!("no journal")), None);
}
