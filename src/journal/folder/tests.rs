use super::*;
use proptest::prelude::*;

const DEVICES: [&str; 3] = ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"];

/// One change made by a device: a new entry, a new title, a deletion.
#[derive(Clone, Debug)]
enum Step {
    Add(usize),
    Title(usize, u8),
    Delete(usize),
}

fn step() -> impl Strategy<Value = (usize, u64, Step)> {
    let kind = prop_oneof![
        (0..6usize).prop_map(Step::Add),
        (0..6usize, any::<u8>()).prop_map(|(id, title)| Step::Title(id, title)),
        (0..6usize).prop_map(Step::Delete),
    ];
    (0..3usize, 1..40u64, kind)
}

fn line(step: &Step, at: u64, dev: &str) -> String {
    let stamp = Stamp { at, dev: dev.into() };
    match *step {
        Step::Add(id) => {
            let entry = format!(
                r#"{{"format":2,"id":"e{id}","set":"s","set_version":1,"lang":"en","started":"2026-01-0{}T09:00:00Z","finished":"2026-01-0{}T09:00:00Z","title":null,"tags":[],"follows":null,"answers":[]}}"#,
                1 + id % 3,
                1 + id % 3
            );
            record::add(&entry, &stamp)
        }
        Step::Title(id, title) => {
            format!(r#"{{"change":"e{id}","fields":{{"title":"t{title}"}},"at":{at},"dev":"{dev}"}}"#)
        }
        Step::Delete(id) => record::del(&format!("e{id}"), &stamp),
    }
}

/// The merged journal of a folder whose logs hold `files` (a name under
/// the folder, and its lines), written in that order.
fn merged(files: &[(String, Vec<String>)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    fs::create_dir_all(&journal).unwrap();
    fs::write(journal.join(FORMAT_FILE), FORMAT_TEXT).unwrap();
    for (name, lines) in files {
        let path = journal.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut text: String = lines.iter().flat_map(|line| [line.as_str(), "\n"]).collect();
        text.push_str(&fs::read_to_string(&path).unwrap_or_default());
        fs::write(path, text).unwrap();
    }
    let folder = Folder::open(&journal, &dir.path().join("state")).unwrap();
    let merged = Merged::read(folder.logs().unwrap(), "not-a-device", &Ok, 0).unwrap();
    let mut out = Vec::new();
    merged.write(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever order the records arrive in, in however many copies,
    /// every device shows the same journal: each title the latest, each
    /// deletion kept.
    #[test]
    fn the_merge_is_the_same_whatever_arrives_how(steps in proptest::collection::vec(step(), 1..30), cut in 0..30usize) {
        let mut logs: Vec<Vec<String>> = vec![Vec::new(); 3];
        for (dev, at, step) in &steps {
            logs[*dev].push(line(step, *at, DEVICES[*dev]));
        }
        let name = |dev: usize| format!("dev-{}/log-000001.jsonl", DEVICES[dev]);
        let whole: Vec<(String, Vec<String>)> = (0..3).map(|dev| (name(dev), logs[dev].clone())).collect();
        let expected = merged(&whole);
        // The other way round, each log in two parts, with a conflict copy of a part of one.
        let mut scattered: Vec<(String, Vec<String>)> = Vec::new();
        for dev in (0..3).rev() {
            let cut = cut.min(logs[dev].len());
            scattered.push((format!("dev-{}/log-000001.sync-conflict-x.jsonl", DEVICES[dev]), logs[dev][..cut].to_vec()));
            scattered.push((format!("dev-{}/log-000002.jsonl", DEVICES[dev]), logs[dev][cut..].to_vec()));
            scattered.push((name(dev), logs[dev][..cut].to_vec()));
        }
        prop_assert_eq!(merged(&scattered), expected.clone());
        // What the journal shows: no deleted entry, the latest title of the others.
        for id in 0..6 {
            let tag = format!("e{id}");
            let deleted = steps.iter().any(|(_, _, step)| matches!(step, Step::Delete(i) if *i == id));
            let added = steps.iter().any(|(_, _, step)| matches!(step, Step::Add(i) if *i == id));
            let shown: Vec<&str> = expected.lines().filter(|line| line.contains(&format!("\"id\":\"{tag}\""))).collect();
            prop_assert_eq!(shown.len(), usize::from(added && !deleted));
            let latest = steps
                .iter()
                .filter_map(|(dev, at, step)| match step {
                    Step::Title(i, title) if *i == id => Some(((*at, DEVICES[*dev]), *title)),
                    _ => None,
                })
                .max_by(|a, b| a.0.cmp(&b.0).then(format!("\"t{}\"", a.1).cmp(&format!("\"t{}\"", b.1))));
            if let (Some(line), Some((_, title))) = (shown.first(), latest) {
                let has_title = line.contains(&format!("\"title\":\"t{title}\""));
                prop_assert!(has_title, "{}", line);
            }
        }
    }
}

/// Of two versions of one entry added on two devices, the one changed
/// last is shown, whichever device stamped its record later.
#[test]
fn of_two_versions_of_an_entry_the_one_edited_last_is_shown() {
    let version = |title: &str, edited: &str| {
        format!(
            r#"{{"format":2,"id":"e1","set":"s","set_version":1,"lang":"en","started":"2026-01-01T09:00:00Z","finished":"2026-01-01T09:00:00Z",{edited}"title":"{title}","tags":[],"follows":null,"answers":[]}}"#
        )
    };
    let edited_later = version("edited later", r#""edited":"2026-03-01T09:00:00Z","#);
    let edited_before = version("edited before", r#""edited":"2026-02-01T09:00:00Z","#);
    let never_edited = version("never edited", "");
    for (late, early) in
        [(&edited_later, &edited_before), (&edited_later, &never_edited), (&edited_before, &never_edited)]
    {
        for (first, second) in [(late, early), (early, late)] {
            let shown = merged(&[
                (
                    format!("dev-{}/log-000001.jsonl", DEVICES[0]),
                    vec![record::add(first, &Stamp { at: 5, dev: DEVICES[0].into() })],
                ),
                (
                    format!("dev-{}/log-000001.jsonl", DEVICES[1]),
                    vec![record::add(second, &Stamp { at: 9, dev: DEVICES[1].into() })],
                ),
            ]);
            assert_eq!(shown.lines().count(), 1, "{shown}");
            let title = late.split("\"title\":").nth(1).unwrap().split(',').next().unwrap();
            assert!(shown.contains(title), "{title} in {shown}");
        }
    }
}

/// A version that does not read as an entry (a value of the wrong kind)
/// never wins over one that does, however late it was stamped or changed:
/// the entry would be left out as damaged.
#[test]
fn a_version_that_is_no_entry_never_hides_one_that_is() {
    let version = |rest: &str| {
        format!(
            r#"{{"format":2,"id":"e1","set":"s","set_version":1,"lang":"en","started":"2026-01-01T09:00:00Z","finished":"2026-01-01T09:00:00Z","tags":[],"follows":null,"answers":[],{rest}}}"#
        )
    };
    let good = version(r#""title":"whole""#);
    for bad in
        [version(r#""edited":5,"title":"bad""#), version(r#""edited":{},"title":"bad""#), version(r#""title":5"#)]
    {
        for (first, second) in [(&good, &bad), (&bad, &good)] {
            let shown = merged(&[
                (
                    format!("dev-{}/log-000001.jsonl", DEVICES[0]),
                    vec![record::add(first, &Stamp { at: 5, dev: DEVICES[0].into() })],
                ),
                (
                    format!("dev-{}/log-000001.jsonl", DEVICES[1]),
                    vec![record::add(second, &Stamp { at: 9, dev: DEVICES[1].into() })],
                ),
            ]);
            assert!(shown.contains(r#""title":"whole""#), "{bad}: {shown}");
        }
    }
}

/// Where the view cannot be written, the journal read into memory is the
/// view that would have been written, byte for byte.
#[test]
fn the_journal_read_in_memory_is_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    fs::create_dir_all(&journal).unwrap();
    fs::write(journal.join(FORMAT_FILE), FORMAT_TEXT).unwrap();
    let steps = [(0, 1, Step::Add(1)), (1, 2, Step::Add(2)), (1, 3, Step::Title(1, 7)), (0, 4, Step::Delete(2))];
    for (dev, at, step) in &steps {
        let log = journal.join(format!("dev-{}", DEVICES[*dev]));
        fs::create_dir_all(&log).unwrap();
        let mut text = fs::read_to_string(log.join("log-000001.jsonl")).unwrap_or_default();
        text.push_str(&line(step, *at, DEVICES[*dev]));
        text.push('\n');
        fs::write(log.join("log-000001.jsonl"), text).unwrap();
    }
    let folder = Folder::open(&journal, &dir.path().join("state")).unwrap();
    let mut in_memory = String::new();
    std::io::Read::read_to_string(&mut folder.merged_in_memory().unwrap(), &mut in_memory).unwrap();
    folder.refresh().unwrap();
    let view = fs::read_to_string(folder.view()).unwrap();
    assert_eq!(in_memory, view);
    assert_eq!(view.lines().count(), 1, "{view}");
    assert!(view.contains(r#""title":"t7""#), "{view}");
}
