//! The encrypted journal: nothing of it in plain text on disk, every file
//! readable with the age crate and the identity alone, saving without the
//! identity, reading only with the right one, a passphrase asked in the
//! terminal, new keys, and the way back to plain files.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{FIVE_TIPS, Home, at, spawn, text};
use predicates::prelude::*;

/// An answer no file may hold in plain text.
const SECRET: &str = "Nobody may read this sentence";

fn answers() -> String {
    FIVE_TIPS.replace("not-knowing = \"x\"", &format!("not-knowing = \"{SECRET}\""))
}

/// The public key `bezin encrypt` wrote beside the identity it made in `home`.
fn public_key(home: &Path) -> String {
    let identity = fs::read_to_string(home.join("identity.txt")).unwrap();
    identity.lines().find_map(|line| line.strip_prefix("# public key: ").map(str::to_owned)).unwrap()
}

/// `bezin check` finds nothing wrong (the scratch folder made owner-only, as bezin makes its own).
fn assert_all_is_well(home: &Home) {
    fs::set_permissions(home.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    home.run(&["check"]).success().stdout(predicate::str::contains("all is well"));
}

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() { found.extend(files(&path)) } else { found.push(path) }
    }
    found
}

/// An encrypted home holding entries, a draft, a save not yet folded in
/// and a version set aside by an import's conflict, each with the answer.
fn busy_home() -> Home {
    let home = Home::new();
    home.save("five-tips", &answers(), &[]);
    let draft = serde_json::json!({
        "id": "draft00001", "set": "five-tips", "set_version": 1, "lang": "en",
        "started": "2026-11-25T09:00:00+01:00", "updated": "2026-11-25T09:00:00+01:00", "follows": null,
        "answers": [["not-knowing", {"text": SECRET}]], "title": null, "tags": []
    });
    let plain_draft = home.write("drafts/draft00001.json", &draft.to_string());
    home.encrypt();
    assert!(!plain_draft.exists() && !home.journal_path().exists());
    let exported = home.path().join("export.json");
    home.run(&["export", "--format", "json", "-o", exported.to_str().unwrap()]).success();
    let mut entries: Vec<serde_json::Value> = serde_json::from_slice(&fs::read(&exported).unwrap()).unwrap();
    entries[0]["title"] = serde_json::json!("Changed elsewhere, earlier");
    entries[0]["edited"] = serde_json::json!("2000-01-01T00:00:00+00:00");
    fs::write(&exported, serde_json::to_string(&entries).unwrap()).unwrap();
    home.run(&["import", exported.to_str().unwrap()]).success();
    fs::remove_file(&exported).unwrap();
    home.save("five-tips", &answers(), &[]);
    home
}

#[test]
fn no_file_in_the_data_folder_holds_an_answer_and_the_age_crate_reads_every_one() {
    let home = busy_home();
    let identity = common::sealed::identity(&home);
    let mut plain = Vec::new();
    for file in files(home.path()) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "answers.toml" {
            continue; // the test's own input, not bezin's
        }
        let bytes = fs::read(&file).unwrap();
        assert!(!text(&bytes).contains(SECRET), "{} holds an answer in plain text", file.display());
        // The machine's device id holds nothing of the person's.
        // Nor do the public keys, the folder's own notes and the marks of the view.
        let notes = [
            "identity.txt",
            "recipients.txt",
            "parts.txt",
            "device.txt",
            "name.txt",
            "format.txt",
            "view.json",
            "lock",
            "device.lock",
        ];
        if notes.contains(&name.as_str())
            || (name.starts_with("keys-") && std::path::Path::new(&name).extension().is_some_and(|ext| ext == "json"))
        {
            continue;
        }
        plain.push(text(&common::sealed::decrypt(&bytes, &identity)));
    }
    let all = plain.concat();
    assert!(all.matches(SECRET).count() >= 3, "the entries, the draft and the conflict: {all}");
    assert_eq!(home.entries().len(), 2);
    assert_eq!(home.stdout(&["search", "Nobody may"]).lines().filter(|line| !line.starts_with(' ')).count(), 2);
}

/// Types Anna's name at the first question and waits for what bezin recalls.
fn recall_anna(home: &Home) {
    let mut p = spawn(home, &["run", "five-tips", "--fresh"]);
    at(&mut p, "›", "Anna\r");
    at(&mut p, "Anna: 1 reflection, the last on", "");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn the_index_of_people_is_encrypted_with_the_journal_and_the_plain_one_goes() {
    let home = Home::new();
    let id = home.save("five-tips", &answers(), &[]);
    recall_anna(&home);
    let plain = home.view().with_file_name(".view.jsonl.index-people");
    assert!(text(&fs::read(&plain).unwrap()).contains(SECRET), "the plain index keeps the last entry about Anna");
    home.encrypt();
    assert!(!plain.exists(), "the plain index goes with the plain journal");
    let views = home.path().join("state/journals").read_dir().unwrap().filter_map(Result::ok);
    assert!(!views.into_iter().any(|dir| dir.path().join("view.jsonl").exists()), "and so does the merged view");
    recall_anna(&home);
    let sealed = view(&home).join("index-people.age");
    let bytes = fs::read(&sealed).unwrap();
    assert!(!text(&bytes).contains(SECRET) && !text(&bytes).contains("Anna"));
    let identity = common::sealed::identity(&home);
    assert!(text(&common::sealed::decrypt(&bytes, &identity)).contains(SECRET));
    let checked = text(&home.run(&["check"]).get_output().stdout);
    assert!(!checked.contains("index-people"), "the index is part of the journal's folder: {checked}");
    // A deleted entry leaves nothing of it in the index (nor would keys taken away read it).
    home.run(&["delete", &id, "--yes"]).success();
    assert!(!sealed.exists());
    home.run(&["decrypt", "--yes"]).success();
    assert!(!home.sealed_path().exists());
}

#[test]
fn saving_needs_no_identity_and_reading_names_the_key_it_needs() {
    let home = Home::new();
    home.encrypt();
    let identity = home.path().join("identity.txt");
    let public = public_key(home.path());
    fs::rename(&identity, home.path().join("away.txt")).unwrap();
    let file = home.write("answers.toml", &answers());
    home.run(&["run", "five-tips", "--answers", file.to_str().unwrap()]).success();
    let export = home.write(
        "old.json",
        &format!("[{}]", common::entry("old0000001", "jrnl", "2026-01-01T09:00:00+01:00", None, &[])),
    );
    home.run(&["import", export.to_str().unwrap()]).success().stdout(predicate::str::starts_with("Kept 1 entry"));
    let failed = home.run(&["list"]).code(predicate::ne(0)).get_output().stderr.clone();
    let message = text(&failed);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains(&public) && message.contains(&identity.display().to_string()), "{message}");
    // With the identity back, the save and the import are there, the import in its place.
    fs::rename(home.path().join("away.txt"), &identity).unwrap();
    let listed = home.stdout(&["list", "--reverse"]);
    assert_eq!(home.entries().len(), 2);
    assert!(listed.lines().nth(1).unwrap().starts_with("old0000"), "{listed}");
    assert_eq!(home.entries()[0]["id"], "old0000001");
}

#[test]
fn a_wrong_identity_is_refused_in_one_sentence() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    let other = Home::new();
    other.encrypt();
    let wrong = other.path().join("identity.txt");
    home.run(&["--identity", wrong.to_str().unwrap(), "list"]).code(predicate::ne(0)).stderr(predicate::str::contains(
        format!("the identity {} (--identity) does not open the journal", wrong.display()),
    ));
    home.command()
        .env("BEZIN_IDENTITY", &wrong)
        .arg("show")
        .arg("last")
        .assert()
        .failure()
        .stderr(predicate::str::contains("(BEZIN_IDENTITY) does not open"));
}

#[test]
fn new_keys_lock_out_the_old_one_and_keep_every_entry() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    let before = home.entries();
    let old = home.path().join("old-identity.txt");
    fs::copy(home.path().join("identity.txt"), &old).unwrap();
    let new = age::x25519::Identity::generate();
    let new_file =
        home.write("new-identity.txt", &format!("{}\n", age::secrecy::ExposeSecret::expose_secret(&new.to_string())));
    let (old_key, new_key) = (public_key(home.path()), new.to_public().to_string());
    // Keys the identity at hand does not read are refused: they would lock the journal.
    home.run(&["encrypt", "--recipient", &new_key])
        .code(2)
        .stderr(predicate::str::contains("would lock you out of your journal"));
    home.run(&["encrypt", "--recipient", &old_key, "--recipient", &new_key]).success();
    home.run(&["--identity", new_file.to_str().unwrap(), "encrypt", "--recipient", &new_key]).success();
    home.run(&["--identity", old.to_str().unwrap(), "list"])
        .failure()
        .stderr(predicate::str::contains("does not open"));
    let listed = home.stdout(&["--identity", new_file.to_str().unwrap(), "list"]);
    assert!(listed.contains(&before[0]["id"].as_str().unwrap()[..7]), "{listed}");
    // Every log is now to the new key: the age crate reads it with that key alone.
    // (The journal keys of earlier keys stay, encrypted to the keys of their time.)
    for file in own_files(&home) {
        let plain = common::sealed::decrypt(&fs::read(&file).unwrap(), &new);
        assert!(text(&plain).contains(SECRET), "{}", file.display());
    }
}

#[test]
fn a_passphrase_identity_is_asked_once_in_the_terminal() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    // The identity, protected with a passphrase in age's own format.
    let identity = home.path().join("identity.txt");
    let plain = fs::read(&identity).unwrap();
    let encryptor = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from("correct horse".to_owned()));
    let mut sealed = Vec::new();
    let mut writer = encryptor.wrap_output(&mut sealed).unwrap();
    writer.write_all(&plain).unwrap();
    writer.finish().unwrap();
    fs::write(&identity, sealed).unwrap();
    let mut p = spawn(&home, &["list"]);
    at(&mut p, "Passphrase for", "correct horse\r");
    p.exp_string("five-tips").unwrap();
    p.exp_eof().unwrap();
    let mut p = spawn(&home, &["list"]);
    at(&mut p, "Passphrase for", "wrong\r");
    p.exp_string("that passphrase does not open the identity").unwrap();
    // Without a terminal nothing is asked, and the journal stays closed.
    home.run(&["list"]).failure().stderr(predicate::str::contains("needs its passphrase"));
    // Nor while the shell completes an id in the terminal: it offers what it can.
    let mut command = home.process();
    command.args(["--", "bezin", "show", ""]).env("BEZIN_COMPLETE", "fish").env("TERM", "xterm");
    let options = common::patient(true);
    let mut p = rexpect::session::spawn_with_options(command, options).unwrap();
    let offered = p.exp_eof().unwrap();
    assert!(offered.contains("last\t") && !offered.contains("Passphrase"), "{offered}");
}

#[test]
fn decrypt_asks_and_brings_back_the_plain_journal_and_drafts() {
    let home = Home::new();
    home.encrypt();
    let id = home.save("five-tips", &answers(), &[]);
    home.run(&["decrypt"]).code(2).stderr(predicate::str::contains("add --yes"));
    home.run(&["decrypt", "--yes"]).success();
    assert!(!home.sealed_path().exists());
    assert!(home.stdout(&["list"]).contains(&id[..7]));
    assert!(files(&home.journal_path()).iter().any(|log| text(&fs::read(log).unwrap()).contains(SECRET)));
    home.run(&["decrypt", "--yes"]).code(2).stderr(predicate::str::contains("is not encrypted"));
}

/// The encrypted merged journal in this machine's state folder.
fn view(home: &Home) -> PathBuf {
    let journals = fs::read_dir(home.path().join("state/journals")).unwrap().filter_map(Result::ok);
    journals.map(|dir| dir.path().join("view.age")).find(|view| view.is_dir()).expect("an encrypted view")
}

/// The parts of the encrypted view in use, in order, after a read.
fn parts(home: &Home) -> Vec<PathBuf> {
    home.run(&["list", "-n", "1"]).success();
    let generation = files(&view(home))
        .into_iter()
        .filter_map(|file| file.parent().map(Path::to_path_buf))
        .filter(|dir| dir.file_name().unwrap().to_string_lossy().starts_with("sealed-"))
        .max()
        .expect("a journal folder");
    let mut parts: Vec<PathBuf> =
        files(&generation).into_iter().filter(|file| file.file_name().unwrap().len() == 10).collect();
    parts.sort();
    parts
}

#[test]
fn a_journal_of_several_parts_reads_whole_from_either_end_and_folds_saves_into_a_part_of_its_own() {
    let home = Home::new();
    let filler = "a long reflection ".repeat(5_000);
    let written: Vec<serde_json::Value> = (1..=120)
        .map(|n| {
            let mut entry = common::entry(
                &format!("many{n:06}"),
                "jrnl",
                &format!("2026-01-01T09:{:02}:00+01:00", n % 60),
                None,
                &[],
            );
            entry["answers"][0]["answer"] = serde_json::json!(format!("Word{n}x {filler}"));
            entry
        })
        .collect();
    home.journal(&written);
    home.encrypt();
    let before = parts(&home);
    assert!(before.len() >= 3, "{before:?}");
    let exported = home.stdout(&["export", "--format", "json"]);
    let read: Vec<serde_json::Value> = serde_json::from_str(&exported).unwrap();
    assert_eq!(read.iter().map(|e| &e["id"]).collect::<Vec<_>>(), written.iter().map(|e| &e["id"]).collect::<Vec<_>>());
    assert_eq!(read[57]["answers"][0]["answer"], written[57]["answers"][0]["answer"]);
    for n in [1, 60, 120] {
        let found = home.stdout(&["search", &format!("Word{n}x")]);
        assert_eq!(found.lines().filter(|line| line.starts_with("many")).count(), 1, "{found}");
        assert!(found.contains(&format!("Word{n}x")), "{found}");
    }
    assert_eq!(home.stdout(&["list", "-n", "0", "--reverse"]).lines().filter(|l| l.starts_with("many")).count(), 120);
    assert!(home.stdout(&["show", "many000001"]).contains("Word1x"));
    // The last part is past the size saves are folded into: the save gets a part of its own.
    let id = home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    let after = parts(&home);
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    let identity = common::sealed::identity(&home);
    let newest = text(&common::sealed::decrypt(&fs::read(after.last().unwrap()).unwrap(), &identity));
    assert_eq!(newest.lines().count(), 1, "{newest}");
    assert!(newest.contains(&id) && newest.contains(SECRET));
    assert_eq!(home.entries().len(), 121);
}

/// The sieve kept beside the encrypted view, for search, when there is one.
fn sieve(home: &Home) -> Option<PathBuf> {
    Some(view(home).join("index-sieve-2.age")).filter(|path| path.is_file())
}

#[test]
fn a_search_of_an_encrypted_journal_decrypts_only_the_parts_that_may_hold_the_words() {
    let home = Home::new();
    let filler = "a long reflection ".repeat(5_000);
    let written: Vec<serde_json::Value> = (1..=120)
        .map(|n| {
            let mut entry = common::entry(&format!("many{n:06}"), "jrnl", "2026-01-01T09:00:00+01:00", None, &[]);
            entry["answers"][0]["answer"] = serde_json::json!(format!("Word{n}x {filler}"));
            entry
        })
        .collect();
    home.journal(&written);
    home.encrypt();
    let parts = parts(&home);
    let identity = common::sealed::identity(&home);
    let kept = common::sealed::decrypt(&fs::read(sieve(&home).expect("a sieve")).unwrap(), &identity);
    assert!(kept.starts_with(b"bezin search sieve 2\n"), "{}", text(&kept[..40]));
    // It ends naming the text it is a sieve of, and how much of it.
    let ending = text(&kept[kept.len() - 40..]);
    let (_, ending) = ending.rsplit_once("sealed-").unwrap();
    let (generation, covered) = ending.strip_suffix('\n').and_then(|ending| ending.split_once(' ')).unwrap();
    assert!(generation.bytes().all(|byte| byte.is_ascii_digit()), "{ending}");
    assert!(covered.parse::<usize>().unwrap() > 120 * filler.len(), "{ending}");
    // A part that does not decrypt is not read by a search for words elsewhere, and named by one that reads it.
    let whole = fs::read(&parts[0]).unwrap();
    let mut damaged = whole.clone();
    damaged[whole.len() / 2] ^= 1;
    fs::write(&parts[0], damaged).unwrap();
    let found = home.stdout(&["search", "word120x"]);
    assert_eq!(found.lines().filter(|line| line.starts_with("many")).count(), 1, "{found}");
    assert!(found.contains("Word120x"), "{found}");
    home.run(&["search", "reflection"]).failure().stderr(predicate::str::contains("000001.age"));
    fs::write(&parts[0], whole).unwrap();
    // Saves folded in after the sieve was made are searched whole, in any case and accent.
    let id = home.save("five-tips", &answers().replace(SECRET, "Zeldzaamheid van Łukasz"), &[]);
    for word in ["zeldzaamheid", "LUKASZ"] {
        assert!(home.stdout(&["search", word]).contains(&id[..7]), "{word}");
    }
    // A view without a sieve of this form (made by an older bezin) is made
    // again, with one, and the older sieve goes.
    fs::rename(sieve(&home).unwrap(), view(&home).join("index-sieve.age")).unwrap();
    home.run(&["list", "-n", "1"]).success();
    assert!(sieve(&home).is_some());
    assert!(!view(&home).join("index-sieve.age").exists());
    assert!(home.stdout(&["search", "Word1x"]).contains("Word1x"));
}

/// What writes of the view that were stopped left (a temporary file, a
/// generation that was not removed, a folder being built beside it) goes
/// when the view is made again.
#[test]
fn what_stopped_writes_of_the_view_left_goes_when_it_is_made_again() {
    let home = Home::new();
    home.save("five-tips", &answers(), &[]);
    home.encrypt();
    home.run(&["list"]).success();
    let view = view(&home);
    let left = [view.join(".tmp-sieve"), view.join("sealed-000000"), view.with_file_name(".view.age.building-abc")];
    fs::write(&left[0], "half a sieve").unwrap();
    fs::create_dir(&left[1]).unwrap();
    fs::write(left[1].join("000001.age"), "an older part").unwrap();
    fs::create_dir(&left[2]).unwrap();
    fs::remove_file(sieve(&home).unwrap()).unwrap();
    home.run(&["list"]).success();
    for path in &left {
        assert!(!path.exists(), "{} is left", path.display());
    }
    assert!(sieve(&home).is_some());
    assert!(home.stdout(&["search", SECRET]).contains("five-tips"));
}

/// Starts `bezin ARGS` in `home` with its output captured.
fn start(home: &Home, args: &[&str]) -> std::process::Child {
    home.process().args(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().unwrap()
}

#[test]
fn saves_and_folds_killed_at_random_moments_never_lose_or_double_an_acknowledged_entry() {
    let home = Home::new();
    home.encrypt();
    let answers = home.write("a.toml", &answers());
    let mut acked = Vec::new();
    let mut rng = fastrand::Rng::with_seed(13);
    // A save, then a read that folds it in, each killed at a random moment;
    // every third pair runs to the end.
    for round in 0..45 {
        let mut save = start(&home, &["run", "five-tips", "--answers", answers.to_str().unwrap()]);
        if round % 3 == 1 {
            std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..8000)));
            let _ = save.kill();
        }
        let out = text(&save.wait_with_output().unwrap().stdout);
        acked.extend(out.strip_prefix("Saved as ").map(|rest| rest.split_whitespace().next().unwrap().to_owned()));
        let mut read = start(&home, &["list", "-n", "1"]);
        if round % 3 == 2 {
            std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..8000)));
            let _ = read.kill();
        }
        let _ = read.wait();
    }
    assert!(acked.len() >= 15, "a third of the saves run to the end");
    let out = home.run(&["list", "-n", "0", "--json"]).success().get_output().clone();
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<&str> = listed.iter().map(|entry| entry["id"].as_str().unwrap()).collect();
    for id in &acked {
        assert!(ids.contains(&id.as_str()), "acknowledged entry {id} is in the journal");
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "no entry is there twice");
    assert_eq!(home.entries().len(), count, "the age crate reads the same entries");
    assert_all_is_well(&home);
}

#[test]
fn a_save_made_for_the_keys_before_a_rekey_is_still_taken_in() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    // Another machine, synced before the new keys: its own copy of the journal.
    let elsewhere = Home::new();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .args([home.sealed_path(), home.path().join("identity.txt")])
        .arg(elsewhere.path())
        .status()
        .unwrap();
    assert!(copied.success());
    let public = public_key(home.path());
    home.run(&["encrypt", "--recipient", &public]).success();
    let made_elsewhere = elsewhere.save("five-tips", &answers(), &[]);
    // The other machine's folder arrives: a save encrypted to the keys it knew.
    for device in fs::read_dir(elsewhere.sealed_path()).unwrap().filter_map(Result::ok) {
        let target = home.sealed_path().join(device.file_name());
        if device.path().is_dir() && !target.exists() {
            fs::create_dir(&target).unwrap();
            fs::set_permissions(&target, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
            for file in files(&device.path()) {
                fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
            }
        }
    }
    let listed = home.stdout(&["list"]);
    assert!(listed.contains(&made_elsewhere[..7]), "{listed}");
    assert_eq!(home.entries().len(), 2);
    assert_all_is_well(&home);
}

#[test]
fn a_sync_services_copy_of_a_log_brings_nothing_back_and_goes_with_decrypt() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    let other = home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    let own = own_files(&home);
    let copy = own[0].with_file_name("log-000009 (conflicted copy).age");
    for (n, file) in own.iter().enumerate() {
        // Every file of the device copied as a sync service's conflict copies would be.
        fs::copy(file, copy.with_file_name(format!("new-{n} (conflicted copy).age"))).unwrap();
    }
    home.run(&["delete", &other, "--yes"]).success();
    assert_eq!(home.entries().len(), 1, "the copies bring the deleted entry back: {:?}", home.entries());
    assert_eq!(home.stdout(&["list", "-n", "0"]).lines().filter(|line| line.contains("five-tips")).count(), 1);
    home.run(&["decrypt", "--yes"]).success();
    assert_eq!(home.entries().len(), 1, "the deleted entry came back from the copy");
}

/// A key change of this device that a sync takes away (a folder copied
/// back over it, a sync that deletes) comes back from the copy kept on the
/// machine: the key it took out stays out.
#[test]
fn a_key_change_a_sync_takes_away_is_written_back_and_the_removed_key_stays_out() {
    let home = Home::new();
    home.encrypt();
    let own_key = public_key(home.path());
    let lost = age::x25519::Identity::generate();
    home.run(&["encrypt", "--recipient", &own_key, "--recipient", &lost.to_public().to_string()]).success();
    home.run(&["encrypt", "--recipient", &own_key]).success();
    let key_files = || {
        let mut found: Vec<PathBuf> = files(&home.sealed_path())
            .into_iter()
            .filter(|file| file.file_name().unwrap().to_string_lossy().starts_with("key"))
            .collect();
        found.sort();
        found
    };
    let before = key_files();
    let removal = before.iter().rfind(|file| file.extension().is_some_and(|ext| ext == "json")).unwrap();
    let secret = removal.with_file_name(removal.file_name().unwrap().to_string_lossy().replace("keys-", "key-"));
    let secret = secret.with_extension("age");
    fs::remove_file(removal).unwrap();
    fs::remove_file(&secret).unwrap();
    home.run(&["list"]).success();
    assert_eq!(key_files(), before, "the key change taken away is back");
    let saved = home.save("five-tips", &answers(), &[]);
    let own = own_files(&home);
    let new = own.iter().find(|file| text(&common::sealed::read_file(&home, file)).contains(&saved)).unwrap();
    let bytes = fs::read(new).unwrap();
    let by_lost = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes.as_slice()))
        .unwrap()
        .decrypt(std::iter::once(&lost as &dyn age::Identity));
    assert!(by_lost.is_err(), "the key taken out reads what was saved after");
}

/// Copies every file of `from` that `to` lacks, as a sync that keeps
/// both sides' new files does.
fn copy_missing(from: &Path, to: &Path) {
    for file in files(from) {
        let there = to.join(file.strip_prefix(from).unwrap());
        if !there.exists() {
            let folder = there.parent().unwrap();
            std::os::unix::fs::DirBuilderExt::mode(fs::DirBuilder::new().recursive(true), 0o700)
                .create(folder)
                .unwrap();
            fs::copy(&file, &there).unwrap();
        }
    }
}

/// Two devices change the keys at once, so no journal key is encrypted to
/// the keys that are in; a third device, without the identity, saves.
/// The save is read by the device with the identity: it is not hidden.
#[test]
fn a_save_made_while_two_key_changes_crossed_is_read() {
    let (laptop, desktop, phone) = (Home::new(), Home::new(), Home::new());
    laptop.save("five-tips", &answers(), &[]);
    laptop.encrypt();
    let own = public_key(laptop.path());
    let identity = laptop.path().join("identity.txt");
    fs::copy(&identity, desktop.path().join("identity.txt")).unwrap();
    copy_missing(&laptop.sealed_path(), &desktop.sealed_path());
    let other = || age::x25519::Identity::generate().to_public().to_string();
    laptop.run(&["encrypt", "--recipient", &own, "--recipient", &other()]).success();
    desktop.run(&["encrypt", "--recipient", &own, "--recipient", &other()]).success();
    copy_missing(&laptop.sealed_path(), &desktop.sealed_path());
    copy_missing(&desktop.sealed_path(), &laptop.sealed_path());
    let journal = laptop.sealed_path().display().to_string();
    let said = phone.stdout(&[
        "--journal",
        &journal,
        "run",
        "five-tips",
        "--answers",
        laptop.write("a.toml", &answers()).to_str().unwrap(),
    ]);
    let saved = said.split_whitespace().nth(2).unwrap().to_owned();
    let ids: Vec<String> = laptop.entries().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&saved), "the save is hidden: {ids:?}");
    assert_all_is_well(&laptop);
}

/// This machine's own files in the encrypted journal's folder.
fn own_files(home: &Home) -> Vec<PathBuf> {
    let mut own: Vec<PathBuf> = files(&home.sealed_path())
        .into_iter()
        .filter(|file| {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            (name.starts_with("log-") || name.starts_with("new-"))
                && std::path::Path::new(&name).extension().is_some_and(|ext| ext == "age")
        })
        .collect();
    own.sort();
    own
}

#[test]
fn an_identity_given_for_a_public_key_is_refused_without_showing_it() {
    let home = Home::new();
    home.encrypt();
    let identity = home.path().join("identity.txt");
    let secret = fs::read_to_string(&identity).unwrap();
    let secret = secret.lines().find(|line| line.starts_with("AGE-SECRET-KEY-")).unwrap();
    let said = home.run(&["encrypt", "-R", identity.to_str().unwrap()]).failure().get_output().stderr.clone();
    let said = text(&said);
    assert!(said.contains("a secret key (an identity) was given where a public key belongs"), "{said}");
    assert!(!said.contains(&secret[..20]), "{said}");
}

#[test]
fn what_stopped_changes_and_syncs_leave_is_named_and_never_takes_the_journal_over() {
    let home = Home::new();
    home.encrypt();
    let first = home.save("five-tips", &answers(), &[]);
    home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    // A decrypt and an encrypt that were stopped, a save of another device
    // still arriving, and a pipe named like one of its logs.
    let rewrite = home.write(".journal.jsonl.rewrite-Ab12Cd", "{\"format\":2}\n");
    let building = home.path().join(".journal.jsonl.age.building-Xy34Zw");
    fs::create_dir(&building).unwrap();
    let device = home.sealed_path().join("dev-0123456789");
    fs::create_dir(&device).unwrap();
    let arriving = device.join("new-1-00000000.age");
    let whole = fs::read(&own_files(&home)[0]).unwrap();
    fs::write(&arriving, &whole[..whole.len() / 2]).unwrap();
    let pipe = device.join("log-000001.age");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    home.run(&["list"]).success().stdout(predicate::str::contains(&first[..7]));
    let file = home.write("answers.toml", &answers());
    home.run(&["run", "five-tips", "--answers", file.to_str().unwrap()]).success();
    let said = text(&home.run(&["check"]).code(1).get_output().stdout.clone());
    for named in [&rewrite, &building, &arriving, &pipe] {
        assert!(said.contains(&named.display().to_string()), "{} is named: {said}", named.display());
    }
    // The next change removes what stopped changes left; the rest stays for the person to decide.
    home.run(&["delete", &first, "--yes"]).success();
    assert!(!rewrite.exists() && !building.exists(), "the leftovers are gone");
    assert!(arriving.exists() && pipe.exists());
    let listed: serde_json::Value = serde_json::from_str(&home.stdout(&["list", "--json"])).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
}

#[test]
fn a_part_that_does_not_decrypt_is_named_by_check() {
    let home = Home::new();
    home.encrypt();
    home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    let part = own_files(&home)[0].clone();
    let mut bytes = fs::read(&part).unwrap();
    let middle = bytes.len() - 20;
    bytes[middle] ^= 0xff;
    fs::write(&part, bytes).unwrap();
    let said = text(&home.run(&["check"]).code(1).get_output().stdout.clone());
    assert!(said.contains(&format!("problem: {}", part.display())), "{said}");
}

#[test]
fn an_older_journal_folder_and_another_journal_are_imported_with_the_persons_identity() {
    let home = Home::new();
    home.encrypt();
    let gone = home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    // A copy of the journal's folder from before its keys changed: its own key is not the journal's now.
    let older = home.path().join("older");
    let generation = parts(&home)[0].parent().unwrap().to_path_buf();
    fs::create_dir(&older).unwrap();
    for file in files(&generation) {
        fs::copy(&file, older.join(file.file_name().unwrap())).unwrap();
    }
    let new = age::x25519::Identity::generate().to_public().to_string();
    home.run(&["encrypt", "--recipient", &public_key(home.path()), "--recipient", &new]).success();
    home.run(&["delete", &gone, "--yes"]).success();
    // Read with the person's identity, it brings back no deleted entry.
    home.run(&["import", older.to_str().unwrap()]).success().stdout(predicate::str::starts_with("Imported 0 entries"));
    // A whole encrypted journal's folder (another machine's, before format 3) is read as the journal it is.
    home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    let copy = home.path().join("copy.jsonl.age");
    fs::create_dir(&copy).unwrap();
    let sealed = view(&home);
    let current = fs::read_dir(&sealed)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("sealed-"));
    let current = current.unwrap().path();
    fs::create_dir(copy.join(current.file_name().unwrap())).unwrap();
    for file in files(&current) {
        fs::copy(&file, copy.join(current.file_name().unwrap()).join(file.file_name().unwrap())).unwrap();
    }
    home.run(&["import", copy.to_str().unwrap()]).success().stdout(predicate::str::contains("(1 already there"));
    // A plain journal left beside the encrypted one is read as the plain file it is.
    let plain = common::entry("plain00001", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]);
    let beside = home.write("journal.jsonl", &format!("{plain}\n"));
    home.run(&["import", beside.to_str().unwrap()]).success().stdout(predicate::str::starts_with("Imported 1 entry"));
}

/// Every file under `dir` with its bytes, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<(PathBuf, Vec<u8>)> =
        files(dir).into_iter().map(|file| (file.clone(), fs::read(file).unwrap())).collect();
    all.sort();
    all
}

/// Another journal of format 3 (a second journal kept apart, a machine that
/// never synced), plain or encrypted, is imported as its devices show it:
/// changed entries as changed, deleted ones not at all; the identity is
/// asked only for the encrypted one, and nothing of it is written.
#[test]
fn another_journal_folder_plain_or_encrypted_imports_as_it_is_shown() {
    for encrypted in [false, true] {
        let (other, home) = (Home::new(), Home::new());
        let kept = other.save("five-tips", &answers(), &["--title", "Kept"]);
        let gone = other.save("five-tips", &answers(), &["--title", "Gone"]);
        other.run(&["edit", &kept, "--title", "Kept, retitled"]).success();
        other.run(&["delete", &gone, "--yes"]).success();
        if encrypted {
            other.encrypt();
        }
        let folder = if encrypted { other.sealed_path() } else { other.journal_path() };
        let before = snapshot(&folder);
        let folder = folder.to_str().unwrap();
        if encrypted {
            home.run(&["import", folder])
                .code(3)
                .stderr(predicate::str::contains("identity"))
                .stderr(predicate::str::contains("backtrace").not());
            let wrong = home.write(
                "wrong.txt",
                &format!(
                    "{}\n",
                    age::secrecy::ExposeSecret::expose_secret(&age::x25519::Identity::generate().to_string())
                ),
            );
            home.run(&["--identity", wrong.to_str().unwrap(), "import", folder]).failure();
            assert!(home.entries().is_empty(), "nothing imported with a wrong identity");
        }
        let identity = other.path().join("identity.txt");
        home.run(&["--identity", identity.to_str().unwrap(), "import", folder])
            .success()
            .stdout(predicate::str::starts_with("Imported 1 entry"));
        let titles: Vec<String> =
            home.entries().iter().map(|entry| entry["title"].as_str().unwrap().to_owned()).collect();
        assert_eq!(titles, ["Kept, retitled"], "encrypted: {encrypted}");
        assert_eq!(snapshot(Path::new(folder)), before, "the other journal is left as it was");
    }
}

/// A journal just encrypted is read without being written again, and what
/// this machine kept of an earlier encrypted journal in the same place
/// (removed by hand) never comes into the new one.
#[test]
fn a_new_encrypted_journal_is_not_written_again_and_takes_nothing_of_an_earlier_one() {
    let home = Home::new();
    home.encrypt();
    let earlier = [home.save("five-tips", &answers(), &[]), home.save("five-tips", &answers(), &[])];
    home.run(&["list"]).success();
    fs::remove_dir_all(home.sealed_path()).unwrap();
    let file = home.write("answers.toml", &answers());
    let said = home.stdout(&["run", "five-tips", "--answers", file.to_str().unwrap()]);
    let plain = said.split_whitespace().nth(2).unwrap().to_owned();
    home.run(&["encrypt"]).success();
    let written = snapshot(&home.sealed_path());
    home.run(&["list"]).success();
    assert_eq!(snapshot(&home.sealed_path()), written, "the first read wrote the journal again");
    let later = home.save("five-tips", &answers(), &[]);
    home.run(&["list"]).success();
    let ids: Vec<String> = home.entries().iter().map(|entry| entry["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, [plain, later]);
    assert!(earlier.iter().all(|id| !ids.contains(id)));
}
