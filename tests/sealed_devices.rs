//! The encrypted journal on two and three devices, carried by the syncs of
//! `common/devices.rs` while each device saves, edits, deletes, imports,
//! folds its saves and changes the keys; bezin killed at any moment of
//! those and of encrypt and decrypt; and an encrypted journal of the
//! older, one-device kind carried into format 3 byte for byte.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use age::x25519::Identity;
use common::devices::{Device, Syncthing, copy_over, files, put, readable_by, rsync_both_ways, started};
use common::sealed::decrypt;
use common::{FIVE_TIPS, text};
use serde_json::Value;

fn key(identity: &Identity) -> String {
    identity.to_public().to_string()
}

/// Answers to five-tips whose one answer is `word`.
fn answers_with(word: &str) -> String {
    FIVE_TIPS.replace("not-knowing = \"x\"", &format!("not-knowing = \"{word}\""))
}

/// The answer to `not-knowing` an entry shows.
fn not_knowing(entry: &Value) -> Option<&str> {
    let answers = entry["answers"].as_array()?;
    answers.iter().find(|answer| answer["prompt"] == "not-knowing")?["answer"].as_str()
}

/// This device's own folder in its copy of the encrypted journal.
fn own_folder(device: &Device) -> PathBuf {
    let said = fs::read_to_string(device.home.path().join("state/device.txt")).expect("a device id");
    device.sealed().join(format!("dev-{}", said.split_whitespace().next().unwrap()))
}

/// Every file under `root` that bezin could read: age files decrypted with
/// `identity`, others as they are.
fn plain_files(root: &Path, identity: &Identity) -> BTreeMap<PathBuf, String> {
    let mut found = BTreeMap::new();
    for (name, bytes) in files(root) {
        let plain = if name.extension().is_some_and(|ext| ext == "age") {
            assert!(
                readable_by(&bytes, identity),
                "{} is not readable by the person's key",
                root.join(&name).display()
            );
            decrypt(&bytes, identity)
        } else {
            bytes
        };
        found.insert(root.join(name), text(&plain));
    }
    found
}

/// How a sync carries the folder between two devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Carry {
    /// Syncthing, now and then a pass that carries only some files.
    Syncthing,
    Rsync,
    /// `cp -r` of one side's folder over the other's.
    CopyOver,
    /// Any of the three, picked at each sync.
    Mixed,
}

/// What an entry should show once every change has arrived.
#[derive(Debug, Default)]
struct Expected {
    title: Option<String>,
    tags: Vec<String>,
    answer: Option<String>,
    /// Every word it was given, gone from every file once it is deleted.
    words: Vec<String>,
}

/// Devices sharing one encrypted journal, and what each did to it.
struct Shared {
    devices: Vec<Device>,
    syncs: BTreeMap<(usize, usize), Syncthing>,
    carry: Carry,
    person: Identity,
    entries: BTreeMap<String, Expected>,
    /// The ids of the entries saved, in the order they were.
    saved: Vec<String>,
    deleted: BTreeSet<String>,
    /// Keys taken away, and the words written since every device saw that.
    removed: Vec<Identity>,
    written_since_removal: Vec<String>,
    /// Whether a sync brought back files a device had removed.
    brought_back: bool,
    rng: fastrand::Rng,
    step: usize,
}

impl Shared {
    /// `count` devices; the first saves two entries, encrypts the journal
    /// to the person's key and `spare`, and the folder reaches the others.
    fn new(count: usize, carry: Carry, seed: u64, spare: &Identity) -> Shared {
        let person = Identity::generate();
        let devices: Vec<Device> = (0..count).map(|_| Device::new()).collect();
        for device in &devices {
            device.give_identity(&person);
        }
        let mut shared = Shared {
            devices,
            syncs: BTreeMap::new(),
            carry,
            person,
            entries: BTreeMap::new(),
            saved: Vec::new(),
            deleted: BTreeSet::new(),
            removed: Vec::new(),
            written_since_removal: Vec::new(),
            brought_back: false,
            rng: fastrand::Rng::with_seed(seed),
            step: 0,
        };
        shared.save(0);
        shared.save(0);
        let (person, spare) = (key(&shared.person), key(spare));
        shared.devices[0].bezin(&["encrypt", "--recipient", &person, "--recipient", &spare]).success();
        shared.settle();
        shared
    }

    /// A word written now: no key taken away may read it.
    fn written(&mut self, word: String) -> String {
        if !self.removed.is_empty() {
            self.written_since_removal.push(word.clone());
        }
        word
    }

    /// An entry saved on device `d`, with a title and an answer of its own.
    fn save(&mut self, d: usize) -> String {
        self.step += 1;
        let (title, word) = (format!("Saved at step {:03}", self.step), format!("Zwordq{:03}x{d}", self.step));
        let (title, word) = (self.written(title), self.written(word));
        let id = self.devices[d].save_answers(&title, &answers_with(&word));
        let expected = Expected { title: Some(title.clone()), answer: Some(word.clone()), ..Expected::default() };
        self.entries.insert(id.clone(), Expected { words: vec![title, word], ..expected });
        self.saved.push(id.clone());
        id
    }

    /// An entry saved at some time, deleted or not, or not yet on every device.
    fn some_saved(&mut self) -> String {
        self.saved[self.rng.usize(..self.saved.len())].clone()
    }

    /// One change on device `d` of an entry saved on some device: an edit
    /// of a field, a deletion, or an import; an edit of an entry this
    /// device does not have fails.
    fn change(&mut self, d: usize) {
        let id = self.some_saved();
        match self.rng.u8(..5) {
            0 => self.edit_title(d, &id),
            1 => self.edit_tags(d, &id),
            2 => self.edit_answer(d, &id),
            3 => {
                if self.devices[d].bezin(&["delete", &id, "--yes"]).try_success().is_ok() {
                    self.deleted.insert(id);
                }
            }
            _ => self.import(d),
        }
    }

    fn edit_title(&mut self, d: usize, id: &str) {
        self.step += 1;
        let title = format!("Edited at step {:03} on {d}", self.step);
        let title = self.written(title);
        if self.devices[d].bezin(&["edit", id, "--title", &title]).try_success().is_ok() {
            let entry = self.entries.get_mut(id).unwrap();
            entry.title = Some(title.clone());
            entry.words.push(title);
        }
    }

    fn edit_tags(&mut self, d: usize, id: &str) {
        self.step += 1;
        let tag = format!("tag{:03}x{d}", self.step);
        if self.devices[d].bezin(&["edit", id, "--tag", &tag]).try_success().is_ok() {
            self.entries.get_mut(id).unwrap().tags = vec![tag];
        }
    }

    fn edit_answer(&mut self, d: usize, id: &str) {
        self.step += 1;
        let word = format!("Zedited{:03}x{d}", self.step);
        let word = self.written(word);
        let file = self.devices[d].home.write("edit.toml", &format!("not-knowing = \"{word}\"\n"));
        if self.devices[d].bezin(&["edit", id, "--answers", file.to_str().unwrap()]).try_success().is_ok() {
            let entry = self.entries.get_mut(id).unwrap();
            entry.answer = Some(word.clone());
            entry.words.push(word);
        }
    }

    /// Every device, between two syncs, edits the title of one entry and
    /// another field each of a second: the last title wins, and the other
    /// fields all stick.
    fn contend(&mut self) {
        let (first, second) = (self.saved[0].clone(), self.saved[1].clone());
        for d in 0..self.devices.len() {
            self.edit_title(d, &first);
            match d {
                0 => self.edit_tags(d, &second),
                1 => self.edit_answer(d, &second),
                _ => self.edit_title(d, &second),
            }
        }
    }

    /// Imports entries of which two every device imports, and one of its own.
    fn import(&mut self, d: usize) {
        let ids = ["i000000001".to_owned(), "i000000002".to_owned(), format!("i{:09}", 100 + self.step)];
        let lines: String = ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let finished = format!("2025-06-01T09:{n:02}:00+01:00");
                common::entry(id, "five-tips", &finished, None, &[]).to_string() + "\n"
            })
            .collect();
        let file = self.devices[d].home.write("import.jsonl", &lines);
        self.devices[d].bezin(&["import", file.to_str().unwrap()]).success();
        let new: Vec<String> = ids.into_iter().filter(|id| !self.entries.contains_key(id)).collect();
        for id in new {
            let words = vec![self.written(format!("Notes of {id}"))];
            self.entries.insert(id, Expected { words, ..Expected::default() });
        }
    }

    /// Saves on device `d` until it holds enough to fold, then reads:
    /// its saves are folded into a log.
    fn fold(&mut self, d: usize) {
        for _ in 0..8 {
            self.save(d);
        }
        self.devices[d].bezin(&["list"]).success();
        let own: Vec<String> = fs::read_dir(own_folder(&self.devices[d]))
            .unwrap()
            .map(|file| file.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(own.iter().all(|name| !name.starts_with("new-")), "every save folded: {own:?}");
        assert!(own.iter().any(|name| name.starts_with("log-")), "{own:?}");
    }

    /// Devices `a` and `b` sync once, as `carry` says.
    fn sync(&mut self, a: usize, b: usize) {
        let carry = match self.carry {
            Carry::Mixed => [Carry::Syncthing, Carry::Rsync, Carry::CopyOver][self.rng.usize(..3)],
            carry => carry,
        };
        let (left, right) = (self.devices[a].sealed(), self.devices[b].sealed());
        self.brought_back |= carry != Carry::Syncthing;
        match carry {
            Carry::Syncthing => {
                let salt = self.rng.u64(..);
                let some = self.rng.u8(..3) == 0;
                let carried =
                    move |name: &Path| !some || (name.to_string_lossy().len() as u64 ^ salt).is_multiple_of(2);
                self.syncs.entry((a, b)).or_default().pass(&left, &right, carried);
            }
            Carry::Rsync => rsync_both_ways(&left, &right),
            _ if self.rng.bool() => copy_over(&left, &right),
            _ => copy_over(&right, &left),
        }
    }

    /// Every pair syncs in full and every device reads, a few times over,
    /// so that each device has seen every change and run once since.
    fn settle(&mut self) {
        let count = self.devices.len();
        self.brought_back |= matches!(self.carry, Carry::Rsync | Carry::CopyOver);
        for _ in 0..3 {
            for a in 0..count {
                for b in a + 1..count {
                    let (left, right) = (self.devices[a].sealed(), self.devices[b].sealed());
                    match self.carry {
                        Carry::Rsync => rsync_both_ways(&left, &right),
                        Carry::CopyOver => {
                            copy_over(&left, &right);
                            self.devices[b].bezin(&["list"]).success();
                            copy_over(&right, &left);
                        }
                        _ => self.syncs.entry((a, b)).or_default().settle(&left, &right),
                    }
                }
            }
            for device in &self.devices {
                device.bezin(&["list"]).success();
            }
        }
    }

    /// Device `d` gives the journal new keys: the person's and `others`.
    fn rekey(&mut self, d: usize, others: &[&Identity]) {
        let mut args = vec!["encrypt".to_owned(), "--recipient".to_owned(), key(&self.person)];
        for other in others {
            args.extend(["--recipient".to_owned(), key(other)]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.devices[d].bezin(&args).success();
    }

    /// Random steps: each a change on one device and a sync of one pair.
    fn wander(&mut self, steps: usize) {
        let count = self.devices.len();
        for _ in 0..steps {
            self.step += 1;
            let d = self.rng.usize(..count);
            match self.rng.u8(..8) {
                0..=2 => drop(self.save(d)),
                3 if self.rng.bool() => self.fold(d),
                _ => self.change(d),
            }
            let a = self.rng.usize(..count);
            let b = (a + 1 + self.rng.usize(..count - 1)) % count;
            self.sync(a.min(b), a.max(b));
        }
    }

    /// Once the sync has settled: every device shows the same journal,
    /// every entry once with the last change of each field, no deleted
    /// one, check finds nothing wrong, the age crate reads every file, no
    /// key taken away reads what was written since, and the words of the
    /// deleted entries are in no file (after `rsync -au` or `cp -r`, which
    /// bring old files back, in no file of a device's own on that device).
    fn assert_agreed(&self) {
        let shown = self.devices[0].entries();
        for device in &self.devices[1..] {
            assert_eq!(device.entries(), shown, "the same journal on every device");
        }
        for (id, expected) in &self.entries {
            let times: Vec<&Value> = shown.iter().filter(|entry| entry["id"] == id.as_str()).collect();
            assert_eq!(times.len(), usize::from(!self.deleted.contains(id)), "{id}: {expected:?}");
            if let Some(entry) = times.first() {
                assert_eq!(entry["title"].as_str(), expected.title.as_deref(), "{id}");
                assert_eq!(entry["tags"], serde_json::json!(expected.tags), "{id}");
                if expected.answer.is_some() {
                    assert_eq!(not_knowing(entry), expected.answer.as_deref(), "{id}");
                }
            }
        }
        let gone: Vec<&String> = self.deleted.iter().flat_map(|id| &self.entries[id].words).collect();
        for device in &self.devices {
            let check = device.bezin(&["check"]).success().get_output().stdout.clone();
            assert!(text(&check).ends_with("all is well\n"), "{}", text(&check));
            let state = plain_files(&device.home.path().join("state"), &self.person);
            let mut held = plain_files(&device.sealed(), &self.person);
            for (path, plain) in held.iter().chain(&state) {
                let is_age = path.extension().is_some_and(|ext| ext == "age");
                for removed in self.removed.iter().filter(|_| is_age) {
                    if readable_by(&fs::read(path).unwrap(), removed) {
                        let since = self.written_since_removal.iter().find(|word| plain.contains(word.as_str()));
                        assert!(since.is_none(), "{} holds {since:?} for a key taken away", path.display());
                    }
                }
            }
            if self.brought_back {
                held.retain(|path, _| path.starts_with(own_folder(device)));
            }
            for (path, plain) in held.iter().chain(&state) {
                let word = gone.iter().find(|word| plain.contains(word.as_str()));
                assert!(word.is_none(), "{} holds {word:?} of a deleted entry", path.display());
            }
        }
    }
}

/// Two devices share an encrypted journal through `carry`, saving,
/// editing, deleting, importing and folding between syncs, and one of
/// them takes a key away midway.
fn two_devices(carry: Carry, seed: u64) {
    let (spare, added) = (Identity::generate(), Identity::generate());
    let mut shared = Shared::new(2, carry, seed, &spare);
    shared.contend();
    shared.wander(12);
    shared.rekey(1, &[&added]);
    shared.settle();
    shared.removed.push(spare);
    shared.wander(12);
    shared.settle();
    shared.assert_agreed();
}

#[test]
fn two_devices_share_an_encrypted_journal_through_syncthing() {
    two_devices(Carry::Syncthing, 31);
}

#[test]
fn two_devices_share_an_encrypted_journal_through_rsync_both_ways() {
    two_devices(Carry::Rsync, 37);
}

#[test]
fn two_devices_share_an_encrypted_journal_through_cp_one_side_winning() {
    two_devices(Carry::CopyOver, 41);
}

/// Three devices, synced pair by pair by any kind of sync; two of them
/// change the keys at once, one taking a key away while the other, not
/// having seen that, adds one: the key taken away stays away.
#[test]
fn three_devices_share_an_encrypted_journal_and_a_key_taken_away_stays_away() {
    let (spare, added) = (Identity::generate(), Identity::generate());
    let mut shared = Shared::new(3, Carry::Mixed, 43, &spare);
    shared.contend();
    shared.wander(14);
    shared.rekey(0, &[]);
    shared.rekey(2, &[&spare, &added]);
    shared.carry = Carry::Syncthing;
    shared.settle();
    shared.removed.push(spare);
    for device in &shared.devices {
        let said = text(&device.bezin(&["encrypt"]).success().get_output().stdout);
        assert!(said.contains(&key(&added)) && !said.contains(&key(&shared.removed[0])), "{said}");
    }
    shared.carry = Carry::Mixed;
    shared.wander(14);
    shared.carry = Carry::Syncthing;
    shared.settle();
    shared.assert_agreed();
}

/// A save deleted on another device before this one read again stays
/// deleted here too: the save this device added to its view goes with the
/// view made again from the logs.
#[test]
fn a_save_deleted_elsewhere_before_this_device_reads_stays_deleted() {
    let person = Identity::generate();
    let (laptop, desktop) = (Device::new(), Device::new());
    for device in [&laptop, &desktop] {
        device.give_identity(&person);
    }
    laptop.save("First");
    laptop.bezin(&["encrypt", "--recipient", &key(&person)]).success();
    let mut sync = Syncthing::default();
    sync.settle(&laptop.sealed(), &desktop.sealed());
    desktop.bezin(&["list"]).success();
    laptop.bezin(&["list"]).success();
    let doomed = laptop.save("Doomed");
    sync.settle(&laptop.sealed(), &desktop.sealed());
    desktop.bezin(&["delete", &doomed, "--yes"]).success();
    sync.settle(&laptop.sealed(), &desktop.sealed());
    assert_eq!(laptop.titles(), ["First"]);
    assert_eq!(laptop.entries(), desktop.entries());
}

/// Entries of format 1 with ids `{prefix}000000000`…, each with its notes.
fn made_entries(prefix: char, count: usize) -> Vec<String> {
    (0..count)
        .map(|n| {
            let finished = format!("2026-01-01T{:02}:{:02}:00+01:00", 9 + n / 60, n % 60);
            common::entry(&format!("{prefix}{n:09}"), "five-tips", &finished, None, &[]).to_string()
        })
        .collect()
}

/// A device whose journal is `lines`, as a file of format 2, with the
/// person's identity at hand.
fn device_with_journal(person: &Identity, lines: &[String]) -> Device {
    let device = Device::new();
    device.give_identity(person);
    put(device.journal().parent().unwrap(), Path::new("journal.jsonl"), (lines.join("\n") + "\n").as_bytes());
    device
}

/// Runs bezin and kills it at a random moment of its run: as long as it
/// took the last time it ran to its end, so that the kills fall all
/// through it.
struct Killer {
    rng: fastrand::Rng,
    took: BTreeMap<String, std::time::Duration>,
}

impl Killer {
    fn new(seed: u64) -> Killer {
        Killer { rng: fastrand::Rng::with_seed(seed), took: BTreeMap::new() }
    }

    /// `bezin ARGS` on `device`, killed unless `whole`; whether it said it
    /// was done, and what it said.
    fn run(&mut self, device: &Device, args: &[&str], whole: bool) -> (bool, String) {
        let start = std::time::Instant::now();
        let mut child = started(device, args);
        let took = self.took.get(args[0]).copied().unwrap_or(std::time::Duration::from_millis(40));
        if !whole {
            std::thread::sleep(took.mul_f64(self.rng.f64() * 1.2));
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            self.took.insert(args[0].to_owned(), start.elapsed());
        }
        (out.status.success(), text(&out.stdout))
    }
}

/// `bezin ARGS` on `device`, killed as soon as `moment` is true;
/// whether it said it was done.
fn run_until(device: &Device, args: &[&str], moment: impl Fn() -> bool) -> bool {
    let mut child = started(device, args);
    while child.try_wait().unwrap().is_none() && !moment() {
        std::thread::yield_now();
    }
    let _ = child.kill();
    child.wait_with_output().unwrap().status.success()
}

/// The ids of the entries shown, each once.
fn ids_of(shown: &[Value]) -> Vec<String> {
    let ids: Vec<String> = shown.iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no entry twice: {ids:?}");
    ids
}

/// While the journal is encrypted, no file under `within` holds `words`
/// in plain text unless `check` names it or a folder it is in (the test's
/// own answers and import aside).
fn assert_no_plain_text_unnamed(device: &Device, words: &str, within: &Path) {
    if !device.sealed().is_dir() {
        return;
    }
    let inputs = ["answers.toml", "import.jsonl"];
    let holders: Vec<PathBuf> = common::files_under(within)
        .into_iter()
        .filter(|path| path.is_file() && !inputs.iter().any(|input| path.ends_with(input)))
        .filter(|path| text(&fs::read(path).unwrap()).contains(words))
        .collect();
    if holders.is_empty() {
        return;
    }
    let said = device.check();
    for holder in holders {
        let mut folders = holder.ancestors().take_while(|path| *path != within);
        let named = folders.any(|path| said.contains(&path.display().to_string()));
        assert!(named, "{} holds the journal in plain text, and check does not name it:\n{said}", holder.display());
    }
}

/// `encrypt` and `decrypt` killed at any moment, or (for decrypt) once it
/// has made the plain journal or once it has moved the encrypted one
/// aside, again and again on one device that deletes and saves in
/// between: afterwards the journal is plain or encrypted, with every entry
/// said saved and none said deleted; beside an encrypted journal, no plain
/// text that check does not name; the next encrypt or decrypt goes
/// through, and leaves no older plain copy of the journal beside it.
#[test]
fn encrypt_and_decrypt_killed_at_any_moment_leave_the_journal_whole() {
    let person = Identity::generate();
    let device = device_with_journal(&person, &made_entries('e', 40));
    let mut expected: BTreeSet<String> = ids_of(&device.entries()).into_iter().collect();
    let mut killer = Killer::new(47);
    let recipient = key(&person);
    let (encrypt, decrypt) = (["encrypt", "--recipient", &recipient], ["decrypt", "--yes"]);
    let beside = device.journal().parent().unwrap().to_owned();
    let named = |part: &str| -> Vec<PathBuf> {
        let files = fs::read_dir(&beside).unwrap().filter_map(Result::ok);
        files.filter(|file| file.file_name().to_string_lossy().contains(part)).map(|file| file.path()).collect()
    };
    let plain_made = || {
        let made = named(".journal.jsonl.folder-").into_iter().flat_map(|made| common::files_under(&made));
        made.into_iter().any(|file| file.file_name().is_some_and(|name| name.to_string_lossy().starts_with("log-")))
    };
    let moved_aside = || !named("building-removing").is_empty();
    for round in 0..16 {
        let gone = format!("e{round:09}");
        device.bezin(&["delete", &gone, "--yes"]).success();
        expected.remove(&gone);
        expected.insert(device.save(&format!("Saved in round {round}")));
        let encrypting = round % 2 == 0;
        let args: &[&str] = if encrypting { &encrypt } else { &decrypt };
        let done = match round % 4 {
            1 => run_until(&device, args, plain_made),
            3 => run_until(&device, args, moved_aside),
            _ => killer.run(&device, args, round % 8 == 6).0,
        };
        assert!(!done || device.sealed().is_dir() == encrypting, "round {round}: said done, and is not");
        let shown: BTreeSet<String> = ids_of(&device.entries()).into_iter().collect();
        assert_eq!(shown, expected, "round {round}");
        assert_no_plain_text_unnamed(&device, "Notes of e0", &beside);
        if device.sealed().is_dir() && !device.journal().exists() {
            // The plain journal of a stopped encrypt went with the next command, and what the machine kept of it.
            assert_no_plain_text_unnamed(&device, "Notes of e0", &device.home.path().join("state"));
        }
        if device.sealed().is_dir() && device.journal().exists() {
            // An encrypt stopped in the instant between putting the encrypted journal in place and noting what
            // it was made from leaves the plain one beside, for the person to remove.
            assert!(device.check().contains("is a plain journal beside the encrypted one"), "round {round}");
            let _ = fs::remove_dir_all(device.journal()).or_else(|_| fs::remove_file(device.journal()));
        }
        if device.sealed().is_dir() != encrypting {
            device.bezin(args).success();
        }
        if !encrypting {
            assert_eq!(named(".journal.jsonl.folder-"), Vec::<PathBuf>::new(), "round {round}");
        }
    }
    let id = device.save("At the end");
    // What a stopped change left, check names until the next change removes it.
    device.bezin(&["edit", &id, "--title", "Changed at the end"]).success();
    let check = device.check();
    assert!(check.ends_with("all is well\n"), "{check}");
}

/// What each round does to the encrypted journal, to be killed.
enum Write {
    Save,
    Edit(String),
    Delete(String),
    Rekey(bool),
    Import,
    /// A read, which folds the saves of the rounds before.
    Read,
}

/// Saves, edits, deletions, new keys, imports and the reads that fold
/// saves, each killed at any moment: everything said done is there,
/// everything shown stays, nothing deleted comes back, no entry is there
/// twice, no file holds the journal in plain text, and the next command
/// goes through.
#[test]
fn writes_to_an_encrypted_journal_killed_at_any_moment_lose_nothing_said_done() {
    let (person, spare) = (Identity::generate(), Identity::generate());
    let device = device_with_journal(&person, &made_entries('e', 30));
    device.bezin(&["encrypt", "--recipient", &key(&person)]).success();
    let import = device.home.write("import.jsonl", &(made_entries('i', 10).join("\n") + "\n"));
    let answers = device.home.write("answers.toml", &answers_with("Zsaved"));
    let mut killer = Killer::new(53);
    let (mut saved, mut deleted, mut titled, mut imported) = (Vec::new(), BTreeSet::new(), BTreeMap::new(), false);
    let (mut spare_in, mut seen) = (false, Vec::new());
    for round in 0..42 {
        let target = format!("e{:09}", round % 30);
        let write = match round % 14 {
            0..=8 => Write::Save,
            9 => Write::Read,
            10 => Write::Edit(target),
            11 => Write::Delete(target),
            12 => Write::Rekey(!spare_in),
            _ => Write::Import,
        };
        let (title, mut rekey) = (format!("Title {round}"), vec!["encrypt", "--recipient"]);
        let keys = [key(&person), key(&spare)];
        rekey.push(&keys[0]);
        if matches!(write, Write::Rekey(true)) {
            rekey.extend(["--recipient", &keys[1]]);
        }
        let args: Vec<&str> = match &write {
            Write::Save => vec!["run", "five-tips", "--answers", answers.to_str().unwrap()],
            Write::Edit(id) => vec!["edit", id, "--title", &title],
            Write::Delete(id) => vec!["delete", id, "--yes"],
            Write::Rekey(_) => rekey,
            Write::Import => vec!["import", import.to_str().unwrap()],
            Write::Read => vec!["list"],
        };
        let (done, out) = killer.run(&device, &args, round % 5 == 4);
        if matches!(write, Write::Save) {
            saved.extend(done.then(|| out.split_whitespace().nth(2).unwrap().to_owned()));
            continue;
        }
        let shown = device.entries();
        let ids = ids_of(&shown);
        let title_of = |id: &str| shown.iter().find(|entry| entry["id"] == id).map(|entry| entry["title"].clone());
        // A change killed after it was written, before it said so, may be there.
        match write {
            Write::Edit(id) if done || title_of(&id) == Some(Value::from(title.as_str())) => {
                drop(titled.insert(id, title));
            }
            Write::Delete(id) if done || !ids.contains(&id) => drop(deleted.insert(id)),
            Write::Rekey(_) => {
                let said = text(&device.bezin(&["encrypt"]).success().get_output().stdout);
                let now_in = said.contains(&keys[1]);
                assert!(!done || now_in != spare_in, "round {round}: said done, and the keys are as before: {said}");
                spare_in = now_in;
            }
            Write::Import if done => imported = true,
            _ => {}
        }
        for id in saved.iter().chain(&seen).filter(|id| !deleted.contains(*id)) {
            assert!(ids.contains(id), "round {round}: {id} is gone");
        }
        for id in &deleted {
            assert!(!ids.contains(id), "round {round}: deleted {id} came back");
        }
        for (id, title) in titled.iter().filter(|(id, _)| !deleted.contains(*id)) {
            assert_eq!(title_of(id), Some(Value::from(title.as_str())), "round {round}");
        }
        let brought = ids.iter().filter(|id| id.starts_with('i')).count();
        assert!(brought == 10 || (!imported && brought == 0), "round {round}: {brought} of 10 imported");
        seen = ids;
        for words in ["Notes of e0", "Zsaved"] {
            assert_no_plain_text_unnamed(&device, words, device.home.path());
        }
    }
    device.bezin(&["list"]).success();
    let check = device.check();
    assert!(check.ends_with("all is well\n"), "{check}");
}

/// What a stopped removal of this machine's view leaves (its folder
/// without a whole journal in it) is made again by the next read.
#[test]
fn a_view_half_removed_by_a_stop_is_made_again() {
    let person = Identity::generate();
    let device = device_with_journal(&person, &made_entries('e', 5));
    device.bezin(&["encrypt", "--recipient", &key(&person)]).success();
    let shown = device.entries();
    let views: Vec<PathBuf> = common::files_under(&device.home.path().join("state/journals"))
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| name == "view.age"))
        .collect();
    assert_eq!(views.len(), 1, "{views:?}");
    for inside in fs::read_dir(&views[0]).unwrap() {
        let path = inside.unwrap().path();
        if path.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) }.unwrap();
    }
    assert_eq!(device.entries(), shown);
}

/// Commands at once right after an encrypt, when the folder has no view
/// yet: each reads with the view one of them made, and all land.
#[test]
fn imports_at_once_right_after_an_encrypt_all_land() {
    let person = Identity::generate();
    let device = device_with_journal(&person, &made_entries('e', 3));
    device.bezin(&["encrypt", "--recipient", &key(&person)]).success();
    let files: Vec<PathBuf> = made_entries('i', 4)
        .iter()
        .enumerate()
        .map(|(n, line)| device.home.write(&format!("import-{n}.jsonl"), &format!("{line}\n")))
        .collect();
    let children: Vec<_> = files.iter().map(|file| started(&device, &["import", file.to_str().unwrap()])).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(device.entries().len(), 7);
}

/// Reads at once right after an encrypt: one makes the view while the
/// others keep the journal's key files, each under the lock.
#[test]
fn reads_at_once_right_after_an_encrypt_all_succeed() {
    let person = Identity::generate();
    for round in 0..6 {
        let device = device_with_journal(&person, &made_entries('e', 3));
        device.bezin(&["encrypt", "--recipient", &key(&person)]).success();
        let children: Vec<_> = (0..4).map(|_| started(&device, &["list"])).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", text(&out.stderr));
        }
    }
}

/// Encrypts `text` to `keys` with the age crate, armored or not.
fn age_file(text: &[u8], keys: &[&Identity], armored: bool) -> Vec<u8> {
    let recipients: Vec<age::x25519::Recipient> = keys.iter().map(|key| key.to_public()).collect();
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|key| key as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let format = if armored { age::armor::Format::AsciiArmor } else { age::armor::Format::Binary };
    let armor = age::armor::ArmoredWriter::wrap_output(&mut out, format).unwrap();
    let mut writer = encryptor.wrap_output(armor).unwrap();
    std::io::Write::write_all(&mut writer, text).unwrap();
    writer.finish().unwrap().finish().unwrap();
    out
}

/// An encrypted journal of one device as bezin wrote it before format 3:
/// `sealed-000001/` with its parts, `parts.txt`, `recipients.txt` and
/// `key.age` (the journal's own key, to the person's), and beside it saves
/// waiting for a reader. Every file is to the person's key
/// and the journal's own, which is returned.
fn older_encrypted_journal(at: &Path, person: &Identity, parts: &[&[String]], waiting: &[&String]) -> Identity {
    let own = Identity::generate();
    let generation = at.join("sealed-000001");
    let lines = |lines: &[String]| lines.iter().flat_map(|line| [line.as_str(), "\n"]).collect::<String>();
    for (n, part) in parts.iter().enumerate() {
        put(
            &generation,
            Path::new(&format!("{:06}.age", n + 1)),
            &age_file(lines(part).as_bytes(), &[&own, person], false),
        );
    }
    let count = format!(
        "# How many parts this folder was written with; it is whole once they are all here.\n{}\n",
        parts.len()
    );
    put(&generation, Path::new("parts.txt"), count.as_bytes());
    let recipients = format!(
        "# Every file of this encrypted bezin journal is encrypted to these keys.\n# Your keys:\n{}\n\
         # The journal's own key, last; key.age holds its secret, encrypted to your keys:\n{}\n",
        key(person),
        key(&own)
    );
    put(&generation, Path::new("recipients.txt"), recipients.as_bytes());
    let secret = format!(
        "# The key of one encrypted bezin journal.\n{}\n",
        age::secrecy::ExposeSecret::expose_secret(&own.to_string())
    );
    put(&generation, Path::new("key.age"), &age_file(secret.as_bytes(), &[person], true));
    for (n, line) in waiting.iter().enumerate() {
        let name = format!("new-20261203T1015{n:02}.000000Z-0000abcd.age");
        put(at, Path::new(&name), &age_file(format!("{line}\n").as_bytes(), &[&own, person], false));
    }
    own
}

/// An encrypted journal of the older, one-device kind becomes this
/// device's logs of format 3 when bezin first writes to it, said once:
/// every entry of its parts and of its waiting saves is there byte for
/// byte, once, in the files the age crate reads with the person's key, and
/// the journal shows what it showed before.
#[test]
fn an_older_encrypted_journal_becomes_this_device_s_logs_byte_for_byte() {
    let person = Identity::generate();
    let fixture = |path: &str| fs::read_to_string(path).unwrap().lines().map(str::to_owned).collect::<Vec<_>>();
    let (first, second) =
        (fixture("tests/fixtures/format-1-journal.jsonl"), fixture("tests/fixtures/format-2-journal.jsonl"));
    let waiting = made_entries('w', 3);
    let device = Device::new();
    device.give_identity(&person);
    older_encrypted_journal(&device.sealed(), &person, &[&first, &second], &waiting.iter().collect::<Vec<_>>());
    let before = device.entries();
    assert_eq!(before.len(), 8, "{before:?}");
    let answers = device.home.write("answers.toml", FIVE_TIPS);
    let run = ["run", "five-tips", "--answers", answers.to_str().unwrap()];
    let said = text(&device.bezin(&run).success().get_output().stderr.clone());
    assert!(said.contains("is now a folder of one log per device (journal format 3)"), "{said}");
    assert!(said.contains(&format!("the journal {} is now", device.sealed().display())), "{said}");
    let again = text(&device.bezin(&run).success().get_output().stderr.clone());
    assert!(!again.contains("is now a folder"), "said once: {again}");
    let after = device.entries();
    assert_eq!(after.len(), 10);
    for entry in &before {
        assert!(after.contains(entry), "{entry}");
    }
    let files = plain_files(&device.sealed(), &person);
    let names: Vec<String> =
        files.keys().map(|path| path.strip_prefix(device.sealed()).unwrap().display().to_string()).collect();
    assert!(names.iter().all(|name| name == "format.txt" || name.starts_with("dev-")), "{names:?}");
    let lines: Vec<&str> = files.values().flat_map(|text| text.lines()).collect();
    for line in first.iter().chain(&second).chain(&waiting) {
        assert_eq!(lines.iter().filter(|held| **held == line.as_str()).count(), 1, "{line}");
    }
    let check = device.check();
    assert!(check.ends_with("all is well\n"), "{check}");
}

/// An import kept without the identity in an encrypted journal of the
/// older kind is merged by the first read, which makes the journal a
/// folder of format 3 as it goes: that read shows every entry.
#[test]
fn an_import_waiting_in_an_older_encrypted_journal_is_read_by_the_read_that_migrates_it() {
    let person = Identity::generate();
    let kept = made_entries('k', 2);
    let imported = made_entries('i', 2);
    let device = Device::new();
    device.give_identity(&person);
    let own = older_encrypted_journal(&device.sealed(), &person, &[&kept], &[]);
    let lines: String = imported.iter().flat_map(|line| [line.as_str(), "\n"]).collect();
    let name = Path::new("import-20261203T101600.000000Z-0000abcd.age");
    put(&device.sealed(), name, &age_file(lines.as_bytes(), &[&own, &person], false));
    let shown = device.entries();
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert_eq!(device.entries(), shown);
    assert!(!device.sealed().join(name).exists());
}

/// What `check` finds beside an encrypted journal of the older kind (a
/// sync's copy of a part) it names with the command that brings it in,
/// written as bezin was started, in the person's language.
#[test]
fn check_suggests_the_import_of_a_stray_copy_as_bezin_was_started() {
    let person = Identity::generate();
    let device = Device::new();
    device.give_identity(&person);
    let own = older_encrypted_journal(&device.sealed(), &person, &[&made_entries('s', 2)], &[]);
    let copy = age_file(format!("{}\n", made_entries('c', 1)[0]).as_bytes(), &[&own, &person], false);
    let stray = Path::new("sealed-000001/000001 (conflicted copy).age");
    put(&device.sealed(), stray, &copy);
    let said = text(&device.bezin(&["--lang", "nl", "check"]).get_output().stdout.clone());
    let line = said.lines().find(|line| line.contains("conflicted copy")).unwrap_or_default().to_owned();
    assert!(line.contains("hoort niet bij het versleutelde dagboek"), "{said}");
    assert!(line.contains("--journal") && line.contains("import"), "{line}");
}
