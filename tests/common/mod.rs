//! A scratch home for bezin and a few builder calls, so that tests read as
//! what a person does and sees.
#![allow(dead_code)]

pub mod answers;
pub mod devices;
pub mod sealed;

use std::fs;
use std::path::{Path, PathBuf};

use std::os::unix::fs::PermissionsExt;

use assert_cmd::Command;
use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};
use serde_json::Value;
use tempfile::TempDir;

/// The built binary.
pub const BEZIN: &str = env!("CARGO_BIN_EXE_bezin");

/// Whether this is the second run of the suite (tests/sealed.rs), on an
/// encrypted journal: every home starts with one, and the helpers that
/// write or read the journal encrypt and decrypt it with the age crate.
pub fn sealed() -> bool {
    env!("CARGO_CRATE_NAME") == "sealed"
}

/// For a test about the plain journal file itself (its mode, a link to it,
/// bytes appended to it by hand): true in the second run, which it leaves.
pub fn about_the_plain_file() -> bool {
    sealed()
}

/// An empty `BEZIN_HOME` with nothing of the machine's settings leaking in.
pub struct Home {
    dir: PathBuf,
    /// Removes a random folder when the test ends; a fixed one is removed by `Drop`.
    temporary: Option<TempDir>,
}

impl Home {
    pub fn new() -> Home {
        let temporary = tempfile::tempdir().expect("a temporary folder");
        Home { dir: temporary.path().to_owned(), temporary: Some(temporary) }.sealed_if_asked()
    }

    /// A home at the same path on every run, for snapshots that show paths.
    pub fn fixed(name: &str) -> Home {
        let suffix = if sealed() { "-sealed" } else { "" };
        let dir = PathBuf::from(format!("/tmp/bezin-test-{name}{suffix}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a folder");
        Home { dir, temporary: None }.sealed_if_asked()
    }

    /// In the second run, an encrypted journal (and a new identity) to start.
    fn sealed_if_asked(self) -> Home {
        if sealed() {
            self.encrypt();
        }
        self
    }

    /// Encrypts the scratch journal with `bezin encrypt`.
    pub fn encrypt(&self) {
        self.command().arg("encrypt").assert().success();
    }

    /// The folder of the encrypted journal.
    pub fn sealed_path(&self) -> PathBuf {
        self.path().join("journal.jsonl.age")
    }

    /// Where bezin says the journal is: the file, or the encrypted folder.
    pub fn journal_place(&self) -> PathBuf {
        if sealed() { self.sealed_path() } else { self.journal_path() }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn journal_path(&self) -> PathBuf {
        self.path().join("journal.jsonl")
    }

    /// `bezin` with this home, English, no colour, no editor.
    pub fn command(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same as a plain process, for tests that wire its input and output.
    pub fn process(&self) -> std::process::Command {
        let mut command = std::process::Command::new(BEZIN);
        scrub(&mut command);
        command.env("BEZIN_HOME", self.path()).env("NO_COLOR", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.command().args(args).assert()
    }

    /// Writes a file under the home and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("a folder");
        }
        fs::write(&path, contents).expect("a written file");
        path
    }

    /// Every journal line, parsed.
    pub fn entries(&self) -> Vec<Value> {
        let bytes = self.journal_bytes();
        text(&bytes).lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect()
    }

    /// Saves an entry of `set` from answers given as TOML; returns its id.
    pub fn save(&self, set: &str, answers: &str, extra: &[&str]) -> String {
        let file = self.write("answers.toml", answers);
        let mut args = vec!["run", set, "--answers", file.to_str().unwrap()];
        args.extend(extra);
        self.run(&args).success();
        self.entries().last().expect("a saved entry")["id"].as_str().unwrap().to_owned()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        if self.temporary.is_none() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Leaves out every setting of the machine that changes what bezin says or
/// does: its language, editor, colours, width, time zone and bezin's own,
/// and cargo's, which would make bezin suggest `cargo run --` commands. The
/// built bezin comes first on the PATH, as after `cargo install`, so that
/// the commands it suggests start with `bezin`.
pub fn scrub(command: &mut std::process::Command) {
    let bin = Path::new(BEZIN).parent().expect("the folder of the built bezin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin.to_owned()).chain(std::env::split_paths(&path)));
    command.env("PATH", path.expect("a PATH"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let prefixed = ["LC_", "BEZIN_", "CLICOLOR", "CARGO"].iter().any(|prefix| name.starts_with(prefix));
        let named = ["LANG", "LANGUAGE", "VISUAL", "EDITOR", "NO_COLOR", "COLUMNS", "RUST_BACKTRACE", "TZ"];
        if prefixed || named.contains(&name.as_ref()) {
            command.env_remove(name.as_ref());
        }
    }
}

/// `path` and every file and folder under it.
pub fn files_under(path: &Path) -> Vec<PathBuf> {
    let mut found = vec![path.to_owned()];
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            found.extend(files_under(&entry.unwrap().path()));
        }
    }
    found
}

/// Text of a command's standard output or error.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A journal line for an entry of `set` finished at `finished` (RFC 3339),
/// with one text answer; for tests that need dates other than today's.
pub fn entry(id: &str, set: &str, finished: &str, title: Option<&str>, tags: &[&str]) -> Value {
    serde_json::json!({
        "format": 1, "id": id, "set": set, "set_version": 1, "lang": "en",
        "started": finished, "finished": finished, "title": title, "tags": tags, "follows": null,
        "answers": [{"prompt": "note", "kind": "long", "question": "What happened?", "answer": format!("Notes of {id}")}]
    })
}

impl Home {
    /// Writes these entries as the journal, one line each (encrypted in
    /// the second run).
    pub fn journal(&self, entries: &[Value]) {
        let lines: String = entries.iter().map(|entry| entry.to_string() + "\n").collect();
        if sealed() {
            let _ = fs::remove_dir_all(self.sealed_path());
        }
        let _ = fs::remove_dir_all(self.journal_path());
        fs::write(self.journal_path(), lines).expect("a written journal");
        if sealed() {
            self.encrypt();
        }
    }

    /// What the files of lines set aside (`corrupt`, `conflict`) hold:
    /// beside the journal, or encrypted in its folder in the second run.
    pub fn set_aside(&self, kind: &str) -> Vec<String> {
        let (folder, start) = if self.sealed_path().is_dir() {
            (self.sealed_path(), format!("{kind}-"))
        } else {
            (self.path().to_owned(), format!("journal.jsonl.{kind}-"))
        };
        let mut found: Vec<PathBuf> = fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|file| file.path())
            .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(&start))
            .collect();
        found.sort();
        found.iter().map(|path| text(&sealed::read_file(self, path))).collect()
    }

    /// Writes `bytes` as the journal, whatever they hold (encrypted, byte
    /// for byte, in the second run).
    pub fn write_journal(&self, bytes: impl AsRef<[u8]>) {
        if sealed() {
            let _ = fs::remove_dir_all(self.sealed_path());
        }
        let _ = fs::remove_dir_all(self.journal_path());
        fs::write(self.journal_path(), bytes).expect("a written journal");
        if sealed() {
            self.encrypt();
        }
    }

    /// The journal's bytes, to compare before and after a change: the
    /// encrypted journal's plain text, decrypted with the age crate alone.
    pub fn journal_bytes(&self) -> Vec<u8> {
        if self.sealed_path().is_dir() {
            sealed::plain_text(self)
        } else if self.journal_path().is_dir() {
            let _ = self.process().args(["list", "-n", "1"]).output();
            fs::read(self.view()).unwrap_or_default()
        } else {
            fs::read(self.journal_path()).unwrap_or_default()
        }
    }

    /// This home's device's newest log in the journal's folder.
    pub fn log(&self) -> PathBuf {
        let mut logs: Vec<PathBuf> = files_under(&self.journal_path())
            .into_iter()
            .filter(|file| file.file_name().unwrap().to_string_lossy().starts_with("log-"))
            .collect();
        logs.sort();
        logs.pop().expect("a log in the journal's folder")
    }

    /// The journal as bezin merged it from every device's log, which every
    /// command that wrote to it leaves as the logs are.
    pub fn view(&self) -> PathBuf {
        let journals = self.path().join("state/journals");
        let mut views = fs::read_dir(&journals).expect("a merged journal").map(|folder| folder.unwrap().path());
        let view = views.next().expect("a merged journal").join("view.jsonl");
        assert!(views.next().is_none(), "one journal in {}", journals.display());
        view
    }

    /// Standard output of a command that must succeed.
    pub fn stdout(&self, args: &[&str]) -> String {
        text(&self.run(args).success().get_output().stdout)
    }
}

/// Answers for every prompt of five-tips that is asked when `open` is true.
pub const FIVE_TIPS: &str = "counterpart = \"Anna\"\nrequest = \"x\"\ncalm = 4\n\
                             not-knowing = \"x\"\nframe = \"time\"\nroom = \"x\"\n\
                             slow-down = [\"silence\"]\ndesire = \"x\"\ntogether = \"x\"\nopen = true\n";

/// A day (`2026-12-03`) as a Dutch sentence writes it: `3 december 2026`.
pub fn dutch_date(day: &str) -> String {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let [year, month, date]: [usize; 3] =
        day.split('-').map(|part| part.parse().unwrap()).collect::<Vec<_>>().try_into().unwrap();
    format!("{date} {} {year}", MONTHS[month - 1])
}

/// Keys as a terminal sends them.
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const ENTER: &str = "\r";

/// How a pseudo-terminal session waits for expected text: long enough for
/// a cold start on a loaded machine, so only a hang fails, and fails
/// instead of blocking; `plain` strips the terminal's escape codes.
pub fn patient(plain: bool) -> Options {
    let patience = u64::try_from(PATIENCE.as_millis()).unwrap_or(u64::MAX);
    Options::new().timeout_ms(Some(patience)).strip_ansi_escape_codes(plain)
}

/// The longest a test waits for bezin to say or do what it expects.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(180);

/// `bezin ARGS` in a pseudo-terminal with this home, and an editor that
/// adds a line; waits for expected text as `patient` does.
pub fn spawn(home: &Home, args: &[&str]) -> PtySession {
    let editor = home.write("editor.sh", "#!/bin/sh\nprintf 'Written in the editor' >> \"$1\"\n");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new(BEZIN);
    scrub(&mut command);
    command.args(args).env("BEZIN_HOME", home.path()).env("EDITOR", &editor).env("TERM", "xterm").env("NO_COLOR", "1");
    spawn_with_options(command, patient(true)).unwrap()
}

/// Waits for `text` on the screen, then types `keys`.
pub fn at(p: &mut PtySession, text: &str, keys: &str) {
    // The session reads the screen a byte to a character.
    let bytes: String = text.bytes().map(char::from).collect();
    p.exp_string(&bytes).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// At the review: saves, leaving the title and the tags empty.
pub fn save_untitled(p: &mut PtySession) {
    at(p, "❯ Save", ENTER);
    at(p, "Title", ENTER);
    at(p, "Tags", ENTER);
}

/// The drafts on disk, parsed (decrypted in the second run).
pub fn drafts(home: &Home) -> Vec<Value> {
    let Ok(dir) = fs::read_dir(home.path().join("drafts")) else { return Vec::new() };
    let paths = dir.filter_map(Result::ok).map(|e| e.path()).filter(|path| {
        let name = path.to_string_lossy();
        name.ends_with(".json") || name.ends_with(".json.age")
    });
    paths.map(|path| serde_json::from_slice(&sealed::read_file(home, &path)).unwrap()).collect()
}
