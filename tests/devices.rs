//! One journal on several devices, carried by the syncs people use: each
//! device is a home of its own (its own state, so its own device id) with
//! its own copy of the journal folder, and the copies are synced by the
//! simulators of `common/devices.rs`, which behave as Syncthing (conflict copies, deletes
//! carried over, passes that carry only some files or half of one), as
//! `rsync -au` both ways (nothing deleted, old files brought back) and as a
//! copy that stops half way.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::devices::{
    Device, Syncthing, conflict_name, files, put, readable_by, rsync_both_ways, sealed_text, started,
};
use common::{FIVE_TIPS, text};

/// Every file's text under the journal folder.
fn all_text(device: &Device) -> String {
    files(&device.journal()).values().map(|bytes| text(bytes)).collect()
}

/// Two devices save, edit and delete between syncs; once the sync has
/// settled, both show the same journal: every entry once, the last change
/// of each field, every deletion kept, and no word of a deleted entry left.
#[test]
fn changes_made_on_two_devices_between_syncs_all_arrive() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let mut sync = Syncthing::default();
    let first = laptop.save("First");
    sync.settle(&laptop.journal(), &desktop.journal());
    let second = desktop.save("Second");
    let third = laptop.save("Third");
    sync.settle(&laptop.journal(), &desktop.journal());
    assert_eq!(laptop.titles(), ["Third", "Second", "First"]);
    assert_eq!(desktop.entries(), laptop.entries());

    // Different fields of one entry on each; an edit of an entry the other deletes.
    laptop.bezin(&["edit", &first, "--title", "First, retitled"]).success();
    desktop.bezin(&["edit", &first, "--tag", "work"]).success();
    laptop.bezin(&["edit", &second, "--title", "Second, retitled"]).success();
    desktop.bezin(&["delete", &second, "--yes"]).success();
    desktop.bezin(&["edit", &third, "--title", "Third, by the desktop"]).success();
    laptop.bezin(&["edit", &third, "--title", "Third, by the laptop, later"]).success();
    sync.settle(&laptop.journal(), &desktop.journal());
    let shown = laptop.entries();
    assert_eq!(desktop.entries(), shown, "the same journal on both");
    assert_eq!(laptop.titles(), ["Third, by the laptop, later", "First, retitled"]);
    let first_shown = shown.iter().find(|entry| entry["id"] == first.as_str()).unwrap();
    assert_eq!(first_shown["tags"], serde_json::json!(["work"]), "both changes stick");

    // Each has run once since it saw the deletion: its words are gone.
    laptop.bezin(&["list"]).success();
    desktop.bezin(&["list"]).success();
    sync.settle(&laptop.journal(), &desktop.journal());
    for device in [&laptop, &desktop] {
        assert!(!all_text(device).contains("Second, retitled"), "the deleted entry's words are gone");
        assert!(!all_text(device).contains(&format!("\"add\":{{\"format\":2,\"id\":\"{second}\"")));
        let check = device.check();
        assert!(check.ends_with("all is well\n"), "{check}");
    }
    assert_eq!(desktop.entries(), laptop.entries());
}

/// A sync that carries a file half way, or some files and not others,
/// shows what has arrived whole and loses nothing; check says what is
/// still arriving and exits 0.
#[test]
fn a_sync_under_way_shows_what_arrived_whole() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let mut sync = Syncthing::default();
    laptop.save("One");
    laptop.save("Two");
    // Only the format file first, then half of the log.
    sync.pass(&laptop.journal(), &desktop.journal(), |name| name.ends_with("format.txt"));
    assert!(desktop.entries().is_empty());
    let (name, log) =
        files(&laptop.journal()).into_iter().find(|(name, _)| name.ends_with("log-000001.jsonl")).unwrap();
    let half = log.len() * 3 / 4;
    put(&desktop.journal(), &name, &log[..half]);
    assert_eq!(desktop.titles(), ["One"]);
    let check = desktop.bezin(&["check"]).success().get_output().stdout.clone();
    assert!(text(&check).contains("has not arrived whole"), "{}", text(&check));
    // Saving meanwhile touches only the desktop's own log.
    desktop.save("Three");
    assert_eq!(files(&desktop.journal()).get(&name).unwrap(), &log[..half]);
    sync = Syncthing::default();
    put(&desktop.journal(), &name, &log);
    sync.settle(&laptop.journal(), &desktop.journal());
    assert_eq!(laptop.titles(), ["Three", "Two", "One"]);
    assert_eq!(desktop.entries(), laptop.entries());
}

/// Conflict copies, files brought back by `rsync -au` and a removed entry's
/// log coming back are read without a duplicate or a resurrection.
#[test]
fn copies_and_files_brought_back_neither_double_nor_resurrect() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let gone = laptop.save("Gone");
    laptop.save("Kept");
    rsync_both_ways(&laptop.journal(), &desktop.journal());
    laptop.bezin(&["delete", &gone, "--yes"]).success();
    // The laptop's compaction removed its first log; rsync brings it back.
    rsync_both_ways(&laptop.journal(), &desktop.journal());
    for device in [&laptop, &desktop] {
        assert_eq!(device.titles(), ["Kept"], "nothing resurrected");
    }
    // A conflict copy of a log, as a sync that saw two versions keeps it.
    let (name, log) =
        files(&desktop.journal()).into_iter().find(|(name, _)| name.to_string_lossy().contains("log-")).unwrap();
    put(&desktop.journal(), &conflict_name(&name), &log);
    desktop.save("New");
    assert_eq!(desktop.titles(), ["New", "Kept"], "nothing doubled");
    let check = desktop.bezin(&["check"]).success().get_output().stdout.clone();
    assert!(text(&check).contains("is a copy a sync made of a log"), "{}", text(&check));
}

/// A home folder restored on another machine brings the device id along:
/// the copy gets an id of its own, so two machines never write one log.
#[test]
fn a_device_id_copied_to_another_machine_is_replaced() {
    let (laptop, restored) = (Device::new(), Device::new());
    laptop.save("Before the move");
    let state = laptop.home.path().join("state");
    for (name, bytes) in files(&state) {
        put(&restored.home.path().join("state"), &name, &bytes);
    }
    let mut sync = Syncthing::default();
    sync.settle(&laptop.journal(), &restored.journal());
    restored.save("After the move");
    let devices: BTreeSet<String> = files(&restored.journal())
        .keys()
        .filter_map(|name| name.components().next().map(|dev| dev.as_os_str().to_string_lossy().into_owned()))
        .filter(|dev| dev.starts_with("dev-"))
        .collect();
    assert_eq!(devices.len(), 2, "{devices:?}");
}

/// A journal of format 1 or 2 becomes the first device's log byte for byte,
/// and the change is said once.
#[test]
fn a_journal_of_an_older_format_becomes_the_first_log_byte_for_byte() {
    for fixture in ["tests/fixtures/format-1-journal.jsonl", "tests/fixtures/format-2-journal.jsonl"] {
        let device = Device::new();
        let old = fs::read(fixture).unwrap();
        put(device.journal().parent().unwrap(), Path::new("journal.jsonl"), &old);
        let before = device.entries();
        let answers = device.home.write("answers.toml", FIVE_TIPS);
        let first = device.bezin(&["run", "five-tips", "--answers", answers.to_str().unwrap()]).success();
        let said = text(&first.get_output().stderr);
        assert!(said.contains("is now a folder of one log per device (journal format 3)"), "{said}");
        let again = device.bezin(&["run", "five-tips", "--answers", answers.to_str().unwrap()]).success();
        assert!(!text(&again.get_output().stderr).contains("is now a folder"), "said once");
        let logs = files(&device.journal());
        let log = logs.iter().find(|(name, _)| name.ends_with("log-000001.jsonl")).unwrap().1;
        assert_eq!(&log[..old.len()], &old[..], "{fixture}: every entry byte for byte");
        assert_eq!(&device.entries()[2..], &before[..], "{fixture}: the same entries, in the same order");
    }
}

/// Killed at any moment of its first write (which turns the journal file
/// into a folder), of a deletion (which compacts the device's log) or of an
/// edit, bezin loses no change it said it made, brings back no entry it said
/// it deleted, and leaves nothing that stops the next command.
#[test]
fn kills_at_any_moment_of_a_change_lose_nothing_said_done() {
    let device = Device::new();
    let entries: Vec<String> = (0..40)
        .map(|n| {
            let finished = format!("2026-01-01T09:{n:02}:00+01:00");
            common::entry(&format!("e{n:09}"), "five-tips", &finished, None, &[]).to_string()
        })
        .collect();
    let old = entries.join("\n") + "\n";
    let mut rng = fastrand::Rng::with_seed(17);
    let answers = device.home.write("answers.toml", FIVE_TIPS);
    // The first write, killed: a journal file still, or a folder, never neither.
    for _ in 0..12 {
        let _ = fs::remove_dir_all(device.journal());
        put(device.journal().parent().unwrap(), Path::new("journal.jsonl"), old.as_bytes());
        let mut child = started(&device, &["run", "five-tips", "--answers", answers.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..15_000)));
        let _ = child.kill();
        let saved = child.wait_with_output().unwrap().status.success();
        let ids: Vec<String> = device.entries().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
        // A save killed after it was written but before it said so may be there.
        assert!(ids.len() == 41 || (!saved && ids.len() == 40), "{ids:?}");
        assert!(entries.iter().all(|entry| ids.iter().any(|id| entry.contains(id.as_str()))), "{ids:?}");
    }
    // Deletions and edits, killed.
    let mut deleted = BTreeSet::new();
    let mut titled = BTreeMap::new();
    for round in 0..30 {
        let id = format!("e{round:09}");
        let title = format!("Title {round}");
        let args: Vec<&str> =
            if round % 2 == 0 { vec!["delete", &id, "--yes"] } else { vec!["edit", &id, "--title", &title] };
        let mut child = started(&device, &args);
        if round % 4 != 3 {
            std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..20_000)));
            let _ = child.kill();
        }
        if child.wait_with_output().unwrap().status.success() {
            if round % 2 == 0 {
                deleted.insert(id);
            } else {
                titled.insert(id, title);
            }
        }
        let shown = device.entries();
        for id in &deleted {
            assert!(shown.iter().all(|entry| entry["id"] != id.as_str()), "{id} came back");
        }
        for (id, title) in &titled {
            let entry = shown.iter().find(|entry| entry["id"] == id.as_str()).expect("an edited entry");
            assert_eq!(entry["title"], title.as_str());
        }
    }
    // Imports, killed: one said done holds every entry it brought, once.
    let incoming: Vec<String> = (0..20)
        .map(|n| {
            let finished = format!("2025-06-01T09:{n:02}:00+01:00");
            common::entry(&format!("i{n:09}"), "five-tips", &finished, None, &[]).to_string()
        })
        .collect();
    let file = device.home.write("incoming.jsonl", &(incoming.join("\n") + "\n"));
    for _ in 0..10 {
        let mut child = started(&device, &["import", file.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..20_000)));
        let _ = child.kill();
        let imported = child.wait_with_output().unwrap().status.success();
        let ids: Vec<String> = device.entries().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
        let brought = ids.iter().filter(|id| id.starts_with('i')).count();
        assert!(brought <= 20 && (!imported || brought == 20), "{brought} of 20 after an import");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "no entry twice");
    }
    device.bezin(&["import", file.to_str().unwrap()]).success();
    device.bezin(&["list"]).success();
    let check = device.check();
    assert!(check.ends_with("all is well\n"), "{check}");
}

/// The other machine's older copy of the folder put over this one's (a
/// `cp -r`, an old version brought back) takes nothing this device saved
/// with it: its records are written back, and reach the other machine.
#[test]
fn an_older_copy_over_this_device_s_log_takes_nothing_away() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let mut sync = Syncthing::default();
    laptop.save("One");
    desktop.save("Two");
    sync.settle(&laptop.journal(), &desktop.journal());
    desktop.save("Three, saved here alone");
    for (name, bytes) in files(&laptop.journal()) {
        put(&desktop.journal(), &name, &bytes);
    }
    assert_eq!(desktop.titles(), ["Three, saved here alone", "Two", "One"]);
    Syncthing::default().settle(&laptop.journal(), &desktop.journal());
    assert_eq!(laptop.titles(), ["Three, saved here alone", "Two", "One"]);
    assert_eq!(desktop.entries(), laptop.entries());
}

/// A device's whole copy of the journal removed and copied again from
/// another machine (a new `format.txt` too) is the same journal: what the
/// device saved that the copy lacks is written back, plain and encrypted.
#[test]
fn a_folder_removed_and_copied_back_from_another_device_takes_nothing_away() {
    for encrypted in [false, true] {
        let (laptop, desktop) = (Device::new(), Device::new());
        let person = age::x25519::Identity::generate();
        let folder = |device: &Device| if encrypted { device.sealed() } else { device.journal() };
        laptop.save("One");
        if encrypted {
            laptop.give_identity(&person);
            desktop.give_identity(&person);
            let key = person.to_public().to_string();
            laptop.bezin(&["encrypt", "--recipient", &key]).success();
        }
        let mut sync = Syncthing::default();
        sync.settle(&folder(&laptop), &folder(&desktop));
        desktop.save("Two");
        sync.settle(&folder(&laptop), &folder(&desktop));
        desktop.save("Three, saved here alone");
        desktop.bezin(&["list"]).success();
        fs::remove_dir_all(folder(&desktop)).unwrap();
        for (name, bytes) in files(&folder(&laptop)) {
            put(&folder(&desktop), &name, &bytes);
        }
        assert_eq!(desktop.titles(), ["Three, saved here alone", "Two", "One"], "encrypted: {encrypted}");
        Syncthing::default().settle(&folder(&laptop), &folder(&desktop));
        assert_eq!(laptop.titles(), ["Three, saved here alone", "Two", "One"], "encrypted: {encrypted}");
    }
}

/// What another device's log (or a hand) puts in the folder cannot make
/// bezin write outside it, hide an entry, stop it, or bring back a deletion.
#[test]
fn hostile_logs_and_links_in_the_folder_change_nothing_they_should_not() {
    let device = Device::new();
    let id = device.save("First");
    let (log, _) = files(&device.journal()).into_iter().find(|(name, _)| name.ends_with("log-000001.jsonl")).unwrap();
    let own = device.journal().join(log.parent().unwrap());
    let other = device.journal().join("dev-bbbbbbbbbb");
    // A change that gives the entry another id, one whose tags are no list, one stamped beyond time.
    let records = [
        format!(r#"{{"change":"{id}","fields":{{"id":"stolen"}},"at":5,"dev":"bbbbbbbbbb"}}"#),
        format!(r#"{{"change":"{id}","fields":{{"tags":"work"}},"at":6,"dev":"bbbbbbbbbb"}}"#),
        format!(
            r#"{{"change":"{id}","fields":{{"title":"Never again"}},"at":18446744073709551615,"dev":"bbbbbbbbbb"}}"#
        ),
    ];
    put(&device.journal(), Path::new("dev-bbbbbbbbbb/log-000001.jsonl"), (records.join("\n") + "\n").as_bytes());
    assert_eq!(device.titles(), ["First"], "the entry is shown as it was");
    device.bezin(&["edit", &id, "--title", "Changed here"]).success();
    assert_eq!(device.titles(), ["Changed here"]);
    let check = device.check();
    assert_eq!(check.matches("is damaged").count(), 3, "{check}");
    // A link in place of this device's log: bezin writes through it to nothing.
    let victim = device.home.write("victim.txt", "line one\nlast line without a newline");
    for log in common::files_under(&own).into_iter().filter(|file| file.extension().is_some_and(|ext| ext == "jsonl")) {
        fs::rename(&log, log.with_extension("jsonl.bak")).unwrap();
    }
    std::os::unix::fs::symlink(&victim, own.join("log-000001.jsonl")).unwrap();
    let answers = device.home.write("answers.toml", FIVE_TIPS);
    device.bezin(&["run", "five-tips", "--answers", answers.to_str().unwrap()]).success();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "line one\nlast line without a newline");
    // The device's own log, written back in the link's place.
    assert!(fs::symlink_metadata(own.join("log-000001.jsonl")).unwrap().is_file());
    assert_eq!(device.titles().len(), 2, "the save went to a log of its own");
    assert!(other.is_dir());
}

/// Check counts what another device has still to forget, one change as
/// one, in either language.
#[test]
fn check_names_one_change_still_to_forget_as_one() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let mut sync = Syncthing::default();
    let id = laptop.save("Soon deleted");
    sync.settle(&laptop.journal(), &desktop.journal());
    desktop.bezin(&["delete", &id, "--yes"]).success();
    let english = desktop.check();
    assert!(
        english.contains(" still hold 1 change of deleted entries; it goes when bezin next runs there"),
        "{english}"
    );
    let dutch = text(&desktop.bezin(&["check", "--lang", "nl"]).get_output().stdout);
    assert!(dutch.contains(" bevatten nog 1 wijziging van verwijderde reflecties; die verdwijnt zodra"), "{dutch}");
}

/// An entry deleted from the journal is not brought back by an import of a
/// copy made before, and the import says so.
#[test]
fn an_import_does_not_bring_back_a_deleted_entry_and_says_so() {
    let device = Device::new();
    let id = device.save("Gone for good");
    let copy = device.home.path().join("copy.json");
    let out = device.bezin(&["export", "--format", "json"]).success();
    fs::write(&copy, &out.get_output().stdout).unwrap();
    device.bezin(&["delete", &id, "--yes"]).success();
    device.bezin(&["import", copy.to_str().unwrap()]).success().stdout(predicates::str::contains(
        "1 entry was deleted from the journal before; a deleted entry does not come back",
    ));
    assert!(device.entries().is_empty());
}

/// One device's log copied out of its folder imports as the journal of
/// that device: its entries with their changes, and not what it deleted.
#[test]
fn a_device_s_log_copied_out_of_its_folder_imports_as_its_journal() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let kept = laptop.save("Kept");
    let gone = laptop.save("Gone");
    laptop.bezin(&["edit", &kept, "--title", "Kept, retitled"]).success();
    laptop.bezin(&["delete", &gone, "--yes"]).success();
    let logs: Vec<_> =
        files(&laptop.journal()).into_keys().filter(|path| path.to_string_lossy().contains("/log-")).collect();
    let [log] = &logs[..] else { panic!("one log: {logs:?}") };
    let copy = desktop.home.path().join("log-copy.jsonl");
    fs::copy(laptop.journal().join(log), &copy).unwrap();
    desktop.bezin(&["import", copy.to_str().unwrap()]).success().stdout(predicates::str::contains("Imported 1 entry"));
    assert_eq!(desktop.titles(), ["Kept, retitled"]);
    // A log whose first line is damaged is a log all the same: the line is named.
    let other = Device::new();
    let damaged = desktop.home.path().join("log-damaged.jsonl");
    let mut bytes = b"{\"rename\": \"x\"}\n".to_vec();
    bytes.extend(fs::read(&copy).unwrap());
    fs::write(&damaged, bytes).unwrap();
    other
        .bezin(&["import", damaged.to_str().unwrap()])
        .success()
        .stdout(predicates::str::contains("Imported 1 entry"))
        .stderr(predicates::str::contains("log-damaged.jsonl:1: left out a damaged line"));
    assert_eq!(other.titles(), ["Kept, retitled"]);
}

/// A file of entries whose first line is damaged is read as lines: the
/// damaged one is named, the others come in.
#[test]
fn an_import_whose_first_line_is_damaged_takes_the_others() {
    let (laptop, desktop) = (Device::new(), Device::new());
    laptop.save("Whole");
    let entries: Vec<String> = laptop.entries().iter().map(ToString::to_string).collect();
    let lines = format!("{{\"written_by\": \"something else\"}}\n{}\n", entries.join("\n"));
    let copy = desktop.home.path().join("lines.jsonl");
    fs::write(&copy, lines).unwrap();
    desktop
        .bezin(&["import", copy.to_str().unwrap()])
        .success()
        .stderr(predicates::str::contains("lines.jsonl:1: left out a damaged line"));
    assert_eq!(desktop.titles(), ["Whole"]);
}

/// Several first writes at once on a journal of one file: one turns it into
/// a folder, and every save lands.
#[test]
fn first_writes_at_once_all_land() {
    let device = Device::new();
    let entry = common::entry("e000000001", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]);
    put(device.journal().parent().unwrap(), Path::new("journal.jsonl"), format!("{entry}\n").as_bytes());
    let answers = device.home.write("answers.toml", FIVE_TIPS);
    let children: Vec<_> =
        (0..4).map(|_| started(&device, &["run", "five-tips", "--answers", answers.to_str().unwrap()])).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(device.entries().len(), 5);
}

/// Three devices save, edit and delete in a random order, synced pair by
/// pair now as Syncthing does and now as `rsync -au` does; once every pair
/// has synced, all three show the same journal: each saved entry once, no
/// deleted one, each edit that was made kept unless a later one replaced it.
#[test]
fn three_devices_syncing_in_any_order_agree() {
    let devices = [Device::new(), Device::new(), Device::new()];
    let pairs = [(0, 1), (1, 2), (0, 2)];
    let mut syncs = [Syncthing::default(), Syncthing::default(), Syncthing::default()];
    let mut rng = fastrand::Rng::with_seed(23);
    let (mut saved, mut deleted) = (Vec::new(), BTreeSet::new());
    for step in 0..30 {
        let device = &devices[rng.usize(..3)];
        match rng.u8(..4) {
            0 | 1 => saved.push(device.save(&format!("Saved at step {step}"))),
            2 if !saved.is_empty() => {
                let id = &saved[rng.usize(..saved.len())];
                // An entry that has not reached this device yet cannot be edited here.
                let _ = device.bezin(&["edit", id, "--title", &format!("Edited at step {step}")]);
            }
            3 if !saved.is_empty() => {
                let id = saved[rng.usize(..saved.len())].clone();
                if device.bezin(&["delete", &id, "--yes"]).try_success().is_ok() {
                    deleted.insert(id);
                }
            }
            _ => {}
        }
        let pair = rng.usize(..3);
        let (a, b) = pairs[pair];
        if rng.bool() {
            syncs[pair].settle(&devices[a].journal(), &devices[b].journal());
        } else {
            rsync_both_ways(&devices[a].journal(), &devices[b].journal());
        }
    }
    for _ in 0..2 {
        for (pair, (a, b)) in pairs.iter().enumerate() {
            syncs[pair].settle(&devices[*a].journal(), &devices[*b].journal());
        }
        for device in &devices {
            device.bezin(&["list"]).success();
        }
    }
    let shown = devices[0].entries();
    for device in &devices[1..] {
        assert_eq!(device.entries(), shown, "the same journal on every device");
    }
    let ids: Vec<&str> = shown.iter().map(|entry| entry["id"].as_str().unwrap()).collect();
    for id in &saved {
        let times = ids.iter().filter(|shown| **shown == id.as_str()).count();
        assert_eq!(times, usize::from(!deleted.contains(id)), "{id}");
    }
    for device in &devices {
        let check = device.check();
        assert!(check.ends_with("all is well\n"), "{check}");
    }
}

/// Several bezins saving at once where there is no journal yet make one
/// folder, under one device id, and every save lands in it.
#[test]
fn first_saves_at_once_on_no_journal_make_one_folder_and_one_device() {
    for _ in 0..3 {
        let device = Device::new();
        let answers = device.home.write("answers.toml", FIVE_TIPS);
        let children: Vec<_> =
            (0..6).map(|_| started(&device, &["run", "five-tips", "--answers", answers.to_str().unwrap()])).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        assert_eq!(device.entries().len(), 6);
        let devices: Vec<String> = fs::read_dir(device.journal())
            .unwrap()
            .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("dev-"))
            .collect();
        assert_eq!(devices.len(), 1, "{devices:?}");
    }
}

/// The encrypted journal on two devices: saves, changes and deletions made
/// between syncs all arrive, the deleted words go from every file, and a
/// key taken away on one device while the other adds one stays away.
#[test]
fn an_encrypted_journal_on_two_devices_loses_nothing_and_keeps_a_removed_key_out() {
    let (laptop, desktop) = (Device::new(), Device::new());
    let person = age::x25519::Identity::generate();
    let (lost, added) = (age::x25519::Identity::generate(), age::x25519::Identity::generate());
    let secret = age::secrecy::ExposeSecret::expose_secret(&person.to_string()).to_owned();
    for device in [&laptop, &desktop] {
        let written = device.home.write("identity.txt", &format!("{secret}\n"));
        fs::set_permissions(written, fs::Permissions::from_mode(0o600)).unwrap();
    }
    let key = |identity: &age::x25519::Identity| identity.to_public().to_string();
    let sealed = |device: &Device| device.home.path().join("Sync/journal.jsonl.age");
    let mut sync = Syncthing::default();
    let first = laptop.save("First");
    laptop.bezin(&["encrypt", "--recipient", &key(&person), "--recipient", &key(&lost)]).success();
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    let second = desktop.save("Second");
    let third = laptop.save("Third");
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    assert_eq!(laptop.titles(), ["Third", "Second", "First"]);
    laptop.bezin(&["edit", &first, "--title", "First, retitled"]).success();
    desktop.bezin(&["edit", &first, "--tag", "work"]).success();
    desktop.bezin(&["edit", &second, "--title", "Second, retitled"]).success();
    laptop.bezin(&["delete", &second, "--yes"]).success();
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    assert_eq!(laptop.titles(), ["Third", "First, retitled"]);
    assert_eq!(desktop.entries(), laptop.entries(), "the same journal on both");
    let shown = laptop.entries();
    let first_shown = shown.iter().find(|entry| entry["id"] == first.as_str()).unwrap();
    assert_eq!(first_shown["tags"], serde_json::json!(["work"]), "both changes stick");
    desktop.bezin(&["list"]).success();
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    for device in [&laptop, &desktop] {
        let all = sealed_text(device, &person);
        assert!(all.contains(&third) && !all.contains("Second, retitled"), "the deleted entry's words are gone");
    }

    // One device takes a key away while the other, not having seen it, adds one.
    laptop.bezin(&["encrypt", "--recipient", &key(&person)]).success();
    desktop
        .bezin(&["encrypt", "--recipient", &key(&person), "--recipient", &key(&lost), "--recipient", &key(&added)])
        .success();
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    for device in [&laptop, &desktop] {
        device.bezin(&["list"]).success();
    }
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    let after = [laptop.save("After, laptop"), desktop.save("After, desktop")];
    sync.settle(&sealed(&laptop), &sealed(&desktop));
    for device in [&laptop, &desktop] {
        let said = text(&device.bezin(&["encrypt"]).success().get_output().stdout);
        assert!(said.contains(&key(&added)) && !said.contains(&key(&lost)), "{said}");
        assert_eq!(device.entries().len(), 4);
        let check = device.check();
        assert_eq!(check.lines().filter(|line| line.starts_with("problem")).count(), 0, "{check}");
        for (name, bytes) in files(&sealed(device)) {
            let is_log = name.extension().is_some_and(|ext| ext == "age") && !name.to_string_lossy().contains("key-");
            let holds_after =
                is_log && after.iter().any(|id| text(&common::sealed::decrypt(&bytes, &person)).contains(id));
            if holds_after {
                assert!(!readable_by(&bytes, &lost), "{} is readable by the key taken away", name.display());
                assert!(readable_by(&bytes, &added), "{} is not readable by the key added", name.display());
            }
        }
    }
}
