//! `bezin browse` in a real pseudo-terminal of a given size, in English and
//! in Dutch: what the screen shows (read as a terminal would draw it) as
//! keys move through the list, open an entry, search as they are typed,
//! filter by person, follow a link, choose with a click and export what
//! is marked; and the terminal as it was before once bezin leaves, whether
//! by `q`, Ctrl-C, or a signal from outside.

mod common;

use std::time::Instant;

use common::{BEZIN, DOWN, ENTER, Home, PATIENCE, entry, patient, scrub};
use rexpect::session::{PtySession, spawn_with_options};
use serde_json::{Value, json};

/// An entry about `person`, that may follow another, with one answer.
fn about(id: &str, set: &str, finished: &str, title: &str, person: Option<&str>, answer: &str) -> Value {
    let mut entry = entry(id, set, finished, Some(title), &["work"]);
    entry["person"] = json!(person);
    entry["answers"][0]["answer"] = json!(answer);
    entry
}

/// A preparation for a talk with Anna and its look-back, one about Σοφία,
/// and a quiet week about no one, newest last.
fn lived_in() -> Home {
    let home = Home::new();
    let mut looked_back = about(
        "lookback01",
        "after-the-conversation",
        "2026-01-12T18:00:00+01:00",
        "Looking back on Anna",
        Some("Anna"),
        "It went well",
    );
    looked_back["follows"] = json!("prepared01");
    home.journal(&[
        about(
            "prepared01",
            "five-tips",
            "2026-01-10T09:00:00+01:00",
            "Talk with Anna",
            Some("Anna"),
            "Eén plus één is drie",
        ),
        looked_back,
        about(
            "sophia0001",
            "five-tips",
            "2026-02-01T09:00:00+01:00",
            "The roster",
            Some("Σοφία"),
            "ΣΟΦΊΑ wants the rota",
        ),
        about("quiet00001", "five-tips", "2026-03-01T09:00:00+01:00", "Quiet week", None, "Nothing much"),
    ]);
    home
}

/// bezin in a pseudo-terminal of `columns` by `rows`, started by a shell
/// that says afterwards how bezin ended and the terminal's modes.
struct Tty {
    p: PtySession,
    parser: vt100::Parser,
    /// Every byte the terminal received.
    bytes: Vec<u8>,
}

impl Tty {
    fn open(home: &Home, args: &[&str], size: (u16, u16)) -> Tty {
        Tty::on(home, args, size, "xterm-256color")
    }

    /// As `open`, on a terminal of the type `term`. The terminal here keeps
    /// only as many cells as bezin draws at most.
    fn on(home: &Home, args: &[&str], (columns, rows): (u16, u16), term: &str) -> Tty {
        let mut command = std::process::Command::new("sh");
        scrub(&mut command);
        let script =
            format!("echo \"shell $$\"; stty cols {columns} rows {rows} && \"$0\" \"$@\"; echo \"exit $?\"; stty -a");
        command.args(["-c", &script, BEZIN, "browse"]).args(args);
        // Started in the home, where an export from the screen goes unless
        // told otherwise; the home is `~` too.
        command.current_dir(home.path()).env("BEZIN_HOME", home.path()).env("HOME", home.path());
        command.env("TERM", term).env("NO_COLOR", "1");
        let p = spawn_with_options(command, patient(false)).unwrap();
        let size = |n: u16, most: u16| std::num::NonZero::new(n.min(most)).unwrap();
        Tty { p, parser: vt100::Parser::new(size(rows, 200), size(columns, 500), 0), bytes: Vec::new() }
    }

    /// Takes in what arrived; whether anything did.
    fn take_in(&mut self) -> bool {
        let mut got = Vec::new();
        while let Some(c) = self.p.try_read() {
            // The session reads a byte to a character.
            got.push(u8::try_from(u32::from(c)).unwrap());
        }
        self.parser.process(&got);
        self.bytes.extend_from_slice(&got);
        !got.is_empty()
    }

    /// Waits until the screen passes `test`.
    fn wait_until(&mut self, what: &str, test: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            let arrived = self.take_in();
            if test(self.parser.screen()) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "waiting for {what}; the screen:\n{}", self.screen());
            if !arrived {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// Waits until every byte received, as text, passes `test`.
    fn wait_for_bytes(&mut self, what: &str, test: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !test(&String::from_utf8_lossy(&self.bytes)) {
            assert!(start.elapsed() < PATIENCE, "waiting for {what}; the screen:\n{}", self.screen());
            if !self.take_in() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |screen| screen.contents().contains(text));
    }

    /// Waits for `text`, then types `keys`.
    fn at(&mut self, text: &str, keys: &str) {
        self.wait_for(text);
        self.send(keys);
    }

    fn send(&mut self, keys: &str) {
        self.p.send(keys).unwrap();
        self.p.flush().unwrap();
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// The row of the screen that holds `text`, and the column it starts at.
    fn find(&self, text: &str) -> Option<(u16, u16)> {
        let screen = self.parser.screen();
        let (rows, columns) = screen.size();
        let columns = columns.get();
        (0..rows.get()).find_map(|row| {
            let line = screen.contents_between(row, 0, row, columns);
            let at = line.find(text)?;
            Some((row, u16::try_from(line[..at].chars().count()).unwrap()))
        })
    }

    /// What the shell said after bezin: its exit code, and whether the
    /// terminal is back in line mode; with every byte received.
    fn finish(mut self) -> (i32, String, Vec<u8>) {
        let rest = self.p.exp_eof().unwrap();
        self.bytes.extend(rest.chars().map(|c| u8::try_from(u32::from(c)).unwrap()));
        let text = String::from_utf8_lossy(&self.bytes).into_owned();
        let code = text.rsplit_once("exit ").and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok());
        (code.expect("the shell says how bezin ended"), text, self.bytes)
    }

    /// The process id of bezin, the shell's child.
    fn bezin_pid(&self) -> nix::unistd::Pid {
        let text = String::from_utf8_lossy(&self.bytes);
        let shell =
            text.split("shell ").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("the shell's id");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        nix::unistd::Pid::from_raw(children.split_whitespace().next().expect("bezin runs").parse().unwrap())
    }
}

/// Whether the process `pid` is stopped, as the kernel says.
fn stopped(pid: nix::unistd::Pid) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('T'))
}

/// Whether the terminal of the process `pid` is in line mode with its signals.
fn in_line_mode(pid: nix::unistd::Pid) -> bool {
    use nix::sys::termios::LocalFlags;
    let terminal = std::fs::File::open(format!("/proc/{pid}/fd/0")).unwrap();
    let modes = nix::sys::termios::tcgetattr(&terminal).unwrap();
    modes.local_flags.contains(LocalFlags::ICANON | LocalFlags::ISIG | LocalFlags::IEXTEN)
}

/// The terminal is as it was: the main screen, the cursor shown, the mouse
/// not reported, and line mode with its signals (as `stty -a` says).
fn restored(text: &str) {
    let last = |code: &str| text.rfind(code).unwrap_or_else(|| panic!("{code:?} never sent"));
    assert!(last("\x1b[?1049h") < last("\x1b[?1049l"), "the alternate screen is left");
    assert!(last("\x1b[?25l") < last("\x1b[?25h"), "the cursor is shown");
    assert!(last("\x1b[?1000h") < last("\x1b[?1000l"), "the mouse is not reported");
    assert!(last("\x1b[?1006h") < last("\x1b[?1006l"), "the mouse is not reported");
    let after = &text[last("\x1b[?1049l")..];
    assert!(!after.contains("\x1b[?1049h") && !after.contains("\x1b[?25l"), "{after:?}");
    let modes: Vec<&str> = text[last("exit ")..].split_whitespace().collect();
    for mode in ["icanon", "isig", "icrnl", "opost", "iexten"] {
        assert!(modes.contains(&mode), "{mode} is back: {modes:?}");
    }
}

#[test]
fn the_list_moves_an_entry_opens_and_leaving_gives_the_terminal_back() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (200, 60));
    tty.wait_for("4 entries");
    // Newest first, each with its date, person, set and title.
    let rows: Vec<u16> = ["Quiet week", "The roster", "Looking back on Anna", "Talk with Anna"]
        .iter()
        .map(|t| tty.find(t).unwrap().0)
        .collect();
    assert!(rows.windows(2).all(|pair| pair[0] < pair[1]), "{rows:?}\n{}", tty.screen());
    let roster = tty.screen().lines().find(|line| line.contains("The roster")).unwrap().to_owned();
    assert!(roster.contains("2026-02-01") && roster.contains("Σοφία") && roster.contains("five-tips"), "{roster}");
    // The chosen entry shows as `show` gives it: its title, facts, questions and answers.
    // The wheel turned down over the list (as xterm reports it) goes to the next entry.
    tty.at("Nothing much", "\x1b[<65;5;3M");
    tty.at("ΣΟΦΊΑ wants the rota", "\x1b[B");
    tty.wait_for("Follows: prepare 2026-01-10 Talk with Anna");
    tty.at("It went well", "\x1b[F");
    tty.at("Followed by: lookbac 2026-01-12 Looking back on Anna", "\x1b[H");
    tty.at("Nothing much", "\x1b[6~");
    tty.at("Eén plus één is drie", "k");
    tty.at("It went well", "\r");
    tty.at("It went well", "q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
}

#[test]
fn every_word_on_the_screen_is_dutch_in_dutch() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &["--lang", "nl"], (200, 60));
    tty.at("4 reflecties", "\x1b[F");
    tty.at("Gevolgd door: lookbac 2026-01-12 Looking back on Anna", "?");
    // The keys arrive as the screen is drawn: each is waited for.
    for dutch in ["Toetsen", "zoeken in titels, labels, antwoorden", "alleen de reflecties over een persoon", "weggaan"]
    {
        tty.wait_for(dutch);
    }
    tty.at("elke toets sluit dit", " ");
    tty.wait_for("/ zoek");
    let screen = tty.screen();
    for english in ["entries", "search", "leave", "Followed by", "Keys", "move"] {
        assert!(!screen.contains(english), "{english} in:\n{screen}");
    }
    tty.send("w");
    tty.at("persoon: ", "anna\r");
    tty.at("2 van 4 reflecties · persoon: anna", "q");
    assert_eq!(tty.finish().0, 0);
}

/// Whether the text at `row`, `column` on the screen is underlined.
fn underlined(tty: &Tty, (row, column): (u16, u16)) -> bool {
    tty.parser.screen().cell(row, column).is_some_and(vt100::Cell::underline)
}

#[test]
fn a_search_narrows_the_list_as_it_is_typed_accents_and_scripts_aside() {
    let counts = [("en", "1 of 4 entries", "4 entries"), ("nl", "1 van 4 reflecties", "4 reflecties")];
    for (lang, one_of_four, all_four) in counts {
        let home = lived_in();
        let mut tty = Tty::open(&home, &["--lang", lang], (120, 30));
        tty.wait_for("Quiet week");
        tty.send("/een");
        tty.wait_for(one_of_four);
        tty.wait_for("Eén plus één is drie");
        let found = tty.find("Eén plus").unwrap();
        assert!(underlined(&tty, found), "the match is underlined:\n{}", tty.screen());
        assert!(tty.find("Quiet week").is_none(), "{}", tty.screen());
        // Another script, typed a letter at a time over what was typed.
        tty.send("\x7f\x7f\x7fσοφια");
        tty.wait_until("the roster alone", |screen| {
            screen.contents().contains("ΣΟΦΊΑ wants") && !screen.contents().contains("Talk with Anna")
        });
        let found = tty.find("ΣΟΦΊΑ").unwrap();
        assert!(underlined(&tty, found), "{}", tty.screen());
        assert!(!underlined(&tty, (found.0, found.1 + 6)), "only the match: {}", tty.screen());
        // Esc gives back the search as it was before the slash: none.
        tty.at(one_of_four, "\x1b");
        tty.wait_until("every entry", |screen| screen.contents().starts_with(all_four));
        tty.send("q");
        assert_eq!(tty.finish().0, 0);
    }
}

#[test]
fn a_person_filter_a_link_followed_and_the_persons_timeline() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.at("Quiet week", "w");
    tty.at("person: ", "an");
    tty.at("2 of 4 entries · person: an", "\r");
    assert!(tty.find("Quiet week").is_none() && tty.find("The roster").is_none(), "{}", tty.screen());
    // The newest about Anna is the look-back: f goes to what it follows, b back.
    tty.at("Follows: prepare", "f");
    tty.wait_until("the preparation chosen", |screen| screen.contents().contains("Followed by: lookbac"));
    tty.at("Eén plus één", "b");
    tty.at("It went well", "p");
    tty.at("Anna · 2 reflections", "");
    tty.wait_for("looked back on:");
    tty.at("2026-01-10 Talk with Anna prepared01", "\x1b");
    tty.at("It went well", "c");
    // Days are a range; what is no day yet is said beside what is typed.
    tty.at("4 entries", "d2026-01-11..2026-13");
    tty.at("days: 2026-01-11..2026-13   '2026-13' is no day", "\x7f\x7f\x7f-02-28\r");
    tty.wait_for("2 of 4 entries · days: 2026-01-11..2026-02-28");
    let screen = tty.screen();
    assert!(!screen.contains("2026-01-10 Anna") && !screen.contains("2026-03-01"), "{screen}");
    tty.send("q");
    assert_eq!(tty.finish().0, 0);
}

/// `x` deletes the chosen entry after asking, and `e` changes it as `bezin
/// edit` does, each on the terminal given back; the screen comes back with
/// the list as the journal now holds it.
#[test]
fn an_entry_is_deleted_after_asking_and_changed_as_edit_does() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (120, 40));
    tty.at("4 entries", "x");
    tty.at("Delete quiet00001 'Quiet week'", "n");
    tty.wait_for("nothing changed");
    tty.at("4 entries", "x");
    tty.at("Delete quiet00001 'Quiet week'", "y");
    tty.wait_for("the entry is deleted");
    tty.wait_for("3 entries");
    assert!(!tty.screen().contains("Quiet week"), "{}", tty.screen());
    // The entry after the deleted one is chosen: the roster.
    tty.at("ΣΟΦΊΑ wants the rota", "e");
    tty.at("Change entry sophia0001", &format!("{DOWN}{DOWN}"));
    tty.at("❯ Title: The roster", ENTER);
    tty.at("Title", &format!("{}Rota for spring\r", "\x7f".repeat("The roster".len())));
    tty.at("Title: Rota for spring", "");
    tty.at("❯ Save", ENTER);
    tty.wait_for("the entry is changed");
    tty.at("Rota for spring", "q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
    let titles: Vec<String> = home.entries().iter().map(|entry| entry["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(titles, ["Talk with Anna", "Looking back on Anna", "Rota for spring"]);
}

/// `l` starts the look-back on the conversation the chosen entry prepared,
/// on the terminal given back, and the screen comes back with it saved; an
/// entry whose set has no look-back says so.
#[test]
fn the_look_back_on_an_entry_starts_from_the_screen() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (120, 40));
    tty.at("4 entries", "l");
    tty.at("What happened? What was said", "We talked\r\r");
    tty.at("how did the conversation go?", ENTER);
    tty.at("What desire did you hear behind the request?", "x\r\r");
    tty.at("Where did you take your time", "x\r\r");
    tty.at("Did something come out of it", "n");
    tty.at("What do you think kept anything unexpected from happening?", "x\r\r");
    tty.at("What did you do that helped", "x\r\r");
    tty.at("How calm do you feel now", ENTER);
    tty.at("What is the next step", "Call her\r\r");
    tty.at("❯ Save", ENTER);
    tty.at("Title", "Quiet week, looked back on\r");
    tty.at("Tags", ENTER);
    tty.wait_for("the look-back is saved");
    tty.wait_for("5 entries");
    // The newest is the look-back, whose set has none of its own.
    tty.at("Quiet week, looked back on", "l");
    tty.wait_for("this entry's set has no look-back");
    tty.send("q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
    let newest = home.entries().pop().unwrap();
    assert_eq!(
        (newest["set"].as_str(), newest["follows"].as_str()),
        (Some("after-the-conversation"), Some("quiet00001"))
    );
}

#[test]
fn ctrl_c_and_a_signal_from_outside_give_the_terminal_back() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (100, 20));
    tty.at("Quiet week", "/qu");
    tty.at("search: qu", "\x03");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 130);
    restored(&text);
    for signal in [nix::sys::signal::Signal::SIGTERM, nix::sys::signal::Signal::SIGHUP] {
        let mut tty = Tty::open(&home, &[], (100, 20));
        tty.wait_for("Quiet week");
        nix::sys::signal::kill(tty.bezin_pid(), signal).unwrap();
        let (code, text, _) = tty.finish();
        assert_eq!(code, 130, "{signal}");
        restored(&text);
    }
}

#[test]
fn a_narrow_terminal_shows_one_pane_and_the_selection_shows_without_colour() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (60, 15));
    tty.wait_for("Quiet week");
    let (row, column) = tty.find("❯").expect("the chosen entry is marked");
    assert!(tty.parser.screen().cell(row, column + 4).unwrap().inverse(), "{}", tty.screen());
    assert!(tty.screen().lines().nth(usize::from(row)).unwrap().contains("Quiet week"));
    tty.send("j\r");
    tty.wait_until("the entry alone", |screen| {
        screen.contents().contains("ΣΟΦΊΑ wants the rota") && !screen.contents().contains("Quiet week")
    });
    tty.send("\t");
    tty.wait_until("the list again", |screen| {
        screen.contents().contains("Quiet week") && !screen.contents().contains("ΣΟΦΊΑ wants")
    });
    // Every key, each said whole, fits the smallest screen.
    tty.at("? keys · q leave", "?");
    tty.wait_for("any key closes this");
    for said in ["every entry again: no search, no filter", "the timeline of the entry's person", "leave"] {
        assert!(tty.screen().contains(said), "{said}:\n{}", tty.screen());
    }
    tty.send("x");
    tty.at("Quiet week", "q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
}

#[test]
fn a_hostile_journal_reaches_the_screen_only_in_its_visible_form() {
    let home = Home::new();
    let huge = "wall of text ".repeat(40_000);
    let evil = "title \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J bidi \u{202e}desrever\u{202c} \u{9b}31m";
    home.journal(&[
        about("evil000001", "five-tips", "2026-01-10T09:00:00+01:00", evil, Some("Eve\u{1b}[31m"), &huge),
        about("emoji00001", "five-tips", "2026-01-11T09:00:00+01:00", "👨‍👩‍👧 🇳🇱 e\u{301}", None, "\u{7}\u{8}\u{0}end"),
    ]);
    let mut tty = Tty::open(&home, &[], (200, 60));
    // The family of three is one grapheme: drawn whole (as the terminal
    // parser here does not join it, its bytes say so).
    tty.at("^G^H^@end", "j");
    assert!(String::from_utf8_lossy(&tty.bytes).contains("👨‍👩‍👧"));
    assert!(tty.screen().contains("🇳🇱 e\u{301}"), "{}", tty.screen());
    tty.wait_for("title ^[]52;c;ZXZpbA==^G ^[[2J bidi <U+202E>desrever<U+202C> <U+009B>31m");
    tty.at("wall of text wall", "\r\x1b[F");
    tty.wait_until("the end of the huge entry", |screen| !screen.contents().contains("What happened?"));
    tty.at("wall of text", "q");
    let (code, _, bytes) = tty.finish();
    assert_eq!(code, 0);
    let from_journal: [&[u8]; 6] =
        [b"\x1b]52", b"\x07", b"\x08", "\u{202e}".as_bytes(), "\u{9b}".as_bytes(), b"\x1b[31m"];
    for bytes_of_evil in from_journal {
        assert!(
            !bytes.windows(bytes_of_evil.len()).any(|w| w == bytes_of_evil),
            "{bytes_of_evil:?} reached the terminal"
        );
    }
}

#[test]
fn an_encrypted_journal_asks_for_its_passphrase_before_the_screen_opens() {
    let home = lived_in();
    if !common::sealed() {
        home.encrypt();
    }
    // The identity, protected with a passphrase in age's own format.
    let identity = home.path().join("identity.txt");
    let plain = std::fs::read(&identity).unwrap();
    let encryptor = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from("correct horse".to_owned()));
    let mut sealed = Vec::new();
    let mut writer = encryptor.wrap_output(&mut sealed).unwrap();
    std::io::Write::write_all(&mut writer, &plain).unwrap();
    writer.finish().unwrap();
    std::fs::write(&identity, sealed).unwrap();
    let mut tty = Tty::open(&home, &[], (100, 20));
    tty.wait_for("Passphrase for");
    assert!(!String::from_utf8_lossy(&tty.bytes).contains("\x1b[?1049h"), "asked on the plain terminal");
    // Typed the moment the prompt shows: read whole, never shown.
    tty.send("correct horse\r");
    tty.at("4 entries", "q");
    assert!(!String::from_utf8_lossy(&tty.bytes).contains("correct horse"), "the passphrase is not echoed");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
}

#[test]
fn without_a_terminal_browse_says_so_in_one_line() {
    let home = lived_in();
    for (lang, said) in [("en", "browse needs a terminal"), ("nl", "browse heeft een terminal nodig")] {
        let out = home.command().args(["browse", "--lang", lang]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(&format!("bezin: {said}")) && stderr.lines().count() == 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// Ctrl-Z, and a stop asked from outside, give the terminal back before
/// bezin stops; after it goes on (as after `fg`) the screen is drawn again.
#[test]
fn a_stop_gives_the_terminal_back_and_going_on_draws_the_screen_again() {
    use nix::sys::signal::{Signal, kill};
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (100, 20));
    for stop in ["Ctrl-Z", "SIGTSTP"] {
        tty.wait_for("Quiet week");
        let bezin = tty.bezin_pid();
        if stop == "Ctrl-Z" {
            tty.send("\x1a");
        } else {
            kill(bezin, Signal::SIGTSTP).unwrap();
        }
        let start = Instant::now();
        while !stopped(bezin) {
            assert!(start.elapsed() < PATIENCE, "{stop} stops bezin");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        tty.wait_for_bytes("the terminal given back", |text| {
            let last = |code: &str| text.rfind(code);
            last("\x1b[?1049h") < last("\x1b[?1049l")
                && last("\x1b[?25l") < last("\x1b[?25h")
                && last("\x1b[?1000h") < last("\x1b[?1000l")
        });
        assert!(in_line_mode(bezin), "{stop}: the terminal is in line mode while bezin is stopped");
        kill(bezin, Signal::SIGCONT).unwrap();
        // The alternate screen is cleared as it is entered again: what shows is drawn anew.
        tty.wait_until("the list drawn again", |screen| {
            screen.alternate_screen() && screen.contents().contains("Quiet week")
        });
        tty.wait_for("Quiet week");
    }
    tty.at("Nothing much", "j");
    tty.at("ΣΟΦΊΑ wants the rota", "q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
}

#[test]
fn a_dumb_terminal_is_refused_in_one_line_that_names_what_to_use() {
    let home = lived_in();
    for (lang, said) in
        [("en", "bezin: browse draws a full screen"), ("nl", "bezin: browse tekent een volledig scherm")]
    {
        let tty = Tty::on(&home, &["--lang", lang], (100, 20), "dumb");
        let (code, text, bytes) = tty.finish();
        assert_eq!(code, 2, "{text}");
        let line = text.lines().find(|line| line.contains(said)).unwrap_or_else(|| panic!("{said} in {text}"));
        assert!(line.contains("bezin list") && line.contains("bezin show"), "{line}");
        assert!(!bytes.windows(8).any(|w| w == b"\x1b[?1049h"), "no screen drawn: {text}");
    }
}

/// Only clicks and the wheel are asked of the terminal, and a wheel turn
/// whose ESC arrives in a read of its own still moves the list.
#[test]
fn a_sequence_split_across_reads_is_not_taken_as_esc() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (100, 20));
    tty.at("Nothing much", "\x1b");
    // A slow link's gap, far shorter than the screen waits for the rest of a sequence.
    std::thread::sleep(std::time::Duration::from_millis(20));
    tty.send("[<65;5;3M");
    tty.at("ΣΟΦΊΑ wants the rota", "q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
    for every_move in ["\x1b[?1002h", "\x1b[?1003h"] {
        assert!(!text.contains(every_move), "{every_move:?} asked");
    }
}

/// A terminal wider than 32767 columns, and one of 65535 by 65535, are
/// drawn in (part of) their size; bezin leaves them as it found them.
#[test]
fn a_huge_terminal_is_drawn_and_given_back() {
    let home = lived_in();
    for size in [(40_000, 30), (65_535, 65_535)] {
        let mut tty = Tty::open(&home, &[], size);
        tty.at("Nothing much", "j");
        tty.at("ΣΟΦΊΑ wants the rota", "q");
        let (code, text, _) = tty.finish();
        assert_eq!(code, 0, "{size:?}");
        restored(&text);
    }
}

/// A journal of `count` entries, one a day from 1990 on; every 7th says
/// "apple" and every 1000th "pear" in its answer.
fn years(count: usize) -> Home {
    let home = Home::new();
    let start = jiff::civil::date(1990, 1, 1);
    let entries: Vec<Value> = (0..count)
        .map(|n| {
            let day = start.checked_add(jiff::Span::new().days(i64::try_from(n).unwrap())).unwrap();
            let fruit = if n % 1000 == 999 {
                "pear"
            } else if n % 7 == 0 {
                "apple"
            } else {
                "none"
            };
            let title = format!("Day {n}");
            let mut entry =
                entry(&format!("day{n:07}"), "five-tips", &format!("{day}T09:00:00+01:00"), Some(&title), &[]);
            entry["answers"][0]["answer"] = json!(format!("A {fruit} today"));
            entry
        })
        .collect();
    home.journal(&entries);
    home
}

/// The list is drawn before the journal is read whole, grows as it is
/// read, and keys move through it meanwhile.
#[test]
fn the_list_grows_as_the_journal_is_read_and_keys_work_meanwhile() {
    let home = years(30_000);
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.wait_for("Day 29999");
    tty.send("jj");
    tty.wait_until("every entry read", |screen| {
        screen.contents().starts_with("30000 entries") && !screen.contents().contains("reading…")
    });
    let first = String::from_utf8_lossy(&tty.bytes).into_owned();
    assert!(first.contains("reading…"), "the list is drawn while the journal is read");
    tty.wait_until("the third newest chosen", |screen| {
        let chosen = screen.contents().lines().find(|line| line.contains('❯')).map(str::to_owned);
        chosen.is_some_and(|line| line.contains("Day 29997"))
    });
    tty.at("A none today", "\x1b[F");
    tty.wait_until("the oldest chosen", |screen| {
        screen.contents().lines().any(|line| line.contains('❯') && line.contains("Day 0 "))
    });
    tty.send("q");
    assert_eq!(tty.finish().0, 0);
}

/// Each letter typed starts a new search and stops the one under way: the
/// list ends with the matches of what was typed last, all of them, and
/// none of an earlier search.
#[test]
fn a_search_under_way_is_stopped_by_the_next_key() {
    let home = years(30_000);
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.wait_for("Day 29999");
    tty.send("/apple");
    tty.send("\x7f\x7f\x7f\x7f\x7fpear");
    tty.wait_until("every pear found", |screen| {
        let text = screen.contents();
        text.starts_with("30 of 30000 entries · search: pear")
            && !text.contains("searching…")
            && !text.contains("reading…")
    });
    assert!(tty.screen().contains("Day 29999") && !tty.screen().contains("Day 29995"), "{}", tty.screen());
    tty.send("\r");
    tty.at("A pear today", "q");
    assert_eq!(tty.finish().0, 0);
}

/// The row of the list that holds `text`.
fn row_with(tty: &Tty, text: &str) -> String {
    let list = |line: &str| line.split('│').next().unwrap_or_default().to_owned();
    let row = tty.screen().lines().map(list).find(|row| row.contains(text));
    row.unwrap_or_else(|| panic!("{text}:\n{}", tty.screen()))
}

/// What `bezin export --format FORMAT -o FILE` writes, of the entries `filter` keeps.
fn exported(home: &Home, format: &str, filter: &[&str]) -> Vec<u8> {
    let path = home.path().join(format!("by-export.{format}"));
    home.run(&[&["export", "--format", format, "-o", path.to_str().unwrap()], filter].concat()).success();
    std::fs::read(path).unwrap()
}

/// The file an export from the screen goes to unless told otherwise: named
/// for today, in the folder bezin was started in.
fn default_export(home: &Home) -> std::path::PathBuf {
    let named = |path: &std::path::Path| {
        path.file_name().unwrap().to_string_lossy().starts_with("bezin-")
            && path.extension().is_some_and(|extension| extension == "md")
    };
    let found = std::fs::read_dir(home.path()).unwrap().map(|file| file.unwrap().path());
    let found: Vec<_> = found.filter(|path| named(path)).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// Space marks entries, shown by a tick and counted at the top; `o`
/// writes them, oldest first, as `bezin export` does, to the file named on
/// the bottom line (JSON for a `.json` file); `u` unmarks them all; a file
/// that cannot be written is said there and the screen stays open.
#[test]
fn marked_entries_are_exported_as_export_writes_them() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.at("4 entries", "jj ");
    tty.at("4 entries · 1 marked", "j ");
    tty.wait_for("4 entries · 2 marked");
    for (title, ticked) in [("Quiet week", false), ("The roster", false), ("Looking back on", true)] {
        assert_eq!(row_with(&tty, title).contains('✓'), ticked, "{title}:\n{}", tty.screen());
    }
    assert!(row_with(&tty, "Talk with Anna").starts_with("❯✓"), "{}", tty.screen());
    tty.send("o");
    tty.at("export to: bezin-", "\r");
    tty.wait_for("Wrote 2 entries to bezin-");
    let markdown = std::fs::read(default_export(&home)).unwrap();
    assert_eq!(markdown, exported(&home, "markdown", &["--person", "Anna"]));
    let text = String::from_utf8(markdown).unwrap();
    assert!(text.starts_with("# Talk with Anna\n") && text.contains("\n# Looking back on Anna\n"), "{text}");
    assert!(!text.contains("Quiet week") && !text.contains("The roster"), "{text}");
    // Ctrl-U clears the name offered; a name ending in .json writes JSON.
    tty.send("o\x15chosen.json\r");
    tty.wait_for("Wrote 2 entries to chosen.json");
    let json = std::fs::read(home.path().join("chosen.json")).unwrap();
    assert_eq!(json, exported(&home, "json", &["--person", "Anna"]));
    tty.send("o\x15no-such-folder/x.md\r");
    tty.wait_for("could not write no-such-folder/x.md: No such file or directory");
    tty.at("2 marked", "u");
    tty.wait_until("no entry marked", |screen| {
        !screen.contents().contains("marked") && !screen.contents().contains('✓')
    });
    tty.send("q");
    assert_eq!(tty.finish().0, 0);
}

/// An export asked for while the journal is read again after an edit
/// waits for the marked entries still to come, then writes them all.
#[test]
fn an_export_right_after_an_edit_writes_every_marked_entry() {
    let home = years(30_000);
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.wait_until("every entry read", |screen| {
        screen.contents().starts_with("30000 entries") && !screen.contents().contains("reading…")
    });
    tty.send("\x1b[F");
    tty.at("day0000000 · 1990-01-01", " ");
    tty.at("1 marked", "\x1b[H");
    tty.at("Day 29999", "e");
    tty.at("Change entry day0029999", &format!("{DOWN}{DOWN}"));
    tty.at("❯ Title: Day 29999", ENTER);
    tty.at("Title", &format!("{}Last day\r", "\x7f".repeat("Day 29999".len())));
    tty.at("❯ Save", ENTER);
    tty.wait_for("the entry is changed");
    // Read again from the end: the newest entry comes first, the other marked one last.
    tty.wait_until("the changed entry chosen", |screen| {
        screen.contents().lines().any(|line| line.starts_with('❯') && line.contains("Last day"))
    });
    tty.send(" o\r");
    tty.wait_for("Wrote 2 entries to bezin-");
    let text = std::fs::read_to_string(default_export(&home)).unwrap();
    assert!(text.starts_with("# Day 0\n") && text.contains("\n# Last day\n"), "{text}");
    tty.send("q");
    assert_eq!(tty.finish().0, 0);
}

/// With nothing marked, `o` writes the chosen entry; a file that is there
/// is replaced only after asking: no goes back to the name, Esc leaves it.
#[test]
fn the_chosen_entry_is_exported_and_a_file_is_replaced_only_after_asking() {
    for (lang, export_to, question, wrote) in [
        ("en", "export to: ", "is there already; replace it? (y/n)", "Wrote 1 entry to "),
        ("nl", "exporteer naar: ", "bestaat al; vervangen? (j/n)", "1 reflectie geschreven naar "),
    ] {
        let home = lived_in();
        let there = home.write("talk.md", "mine\n");
        let mut tty = Tty::open(&home, &["--lang", lang], (120, 30));
        tty.at("Quiet week", "jjjo");
        tty.at(export_to, "\x15talk.md\r");
        tty.at(question, "n");
        tty.wait_until("the name again", |screen| screen.contents().contains(&format!("{export_to}talk.md")));
        tty.send("\x1b");
        tty.wait_until("the question gone", |screen| !screen.contents().contains(export_to));
        assert_eq!(std::fs::read_to_string(&there).unwrap(), "mine\n");
        tty.send("o\x15talk.md\r");
        tty.at(question, if lang == "nl" { "j" } else { "y" });
        tty.wait_for(&format!("{wrote}talk.md"));
        // `~/` is the home folder, as in the settings.
        std::fs::create_dir(home.path().join("notes")).unwrap();
        tty.send("o\x15~/notes/talk.md\r");
        tty.wait_for(&format!("{wrote}{}", home.path().join("notes/talk.md").display()));
        tty.send("q");
        assert_eq!(tty.finish().0, 0);
        assert_eq!(std::fs::read(home.path().join("notes/talk.md")).unwrap(), std::fs::read(&there).unwrap());
        let talk = exported(&home, "markdown", &["--person", "Anna", "--until", "2026-01-10"]);
        assert_eq!(std::fs::read(&there).unwrap(), talk);
        assert!(String::from_utf8(talk).unwrap().starts_with("# Talk with Anna\n"));
    }
}

/// An export never replaces the journal itself.
#[test]
fn an_export_onto_the_journal_is_refused_on_the_screen() {
    let home = lived_in();
    let before = std::fs::read(home.journal_path()).unwrap();
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.at("Quiet week", "o\x15journal.jsonl\r");
    tty.at("replace it? (y/n)", "y");
    tty.wait_for("is the journal itself; export to another file");
    tty.send("q");
    assert_eq!(tty.finish().0, 0);
    assert_eq!(std::fs::read(home.journal_path()).unwrap(), before);
}

/// A click on an entry in the list chooses it; a click in the entry gives
/// it the focus, so the list's choice is no longer in reverse video.
#[test]
fn a_click_chooses_an_entry_and_a_click_in_the_entry_reads_it() {
    let home = lived_in();
    let mut tty = Tty::open(&home, &[], (120, 30));
    tty.wait_for("Nothing much");
    let (row, column) = tty.find("Talk with Anna").unwrap();
    // The terminal counts from 1.
    tty.send(&format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", column + 1, row + 1, column + 1, row + 1));
    tty.wait_for("Eén plus één is drie");
    assert!(row_with(&tty, "Talk with Anna").starts_with('❯'), "{}", tty.screen());
    assert!(tty.parser.screen().cell(row, column).unwrap().inverse(), "{}", tty.screen());
    let (answer_row, answer_column) = tty.find("Eén plus één").unwrap();
    tty.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        answer_column + 1,
        answer_row + 1,
        answer_column + 1,
        answer_row + 1
    ));
    tty.wait_until("the entry has the focus", |screen| !screen.cell(row, column).unwrap().inverse());
    assert!(row_with(&tty, "Talk with Anna").starts_with('❯'), "{}", tty.screen());
    tty.send("q");
    let (code, text, _) = tty.finish();
    assert_eq!(code, 0);
    restored(&text);
}

/// Lines of the journal that are no entry are counted on the screen with
/// the command that names them, and named once it is left; nothing of
/// them reaches the terminal.
#[test]
fn damaged_lines_are_counted_on_the_screen_and_named_after_it() {
    let good = about("quiet00001", "five-tips", "2026-03-01T09:00:00+01:00", "Quiet week", None, "Nothing much");
    let lines = format!("{{\"format\":2, broken \u{1b}[31m\n{good}\n{{\"format\":2,\"id\":\"\u{1b}]52;c;x\u{7}\"}}\n");
    for (lang, said) in [
        (&[][..], "1 entry · 2 damaged lines left out: bezin check names them"),
        (&["--lang", "nl"], "1 reflectie · 2 beschadigde regels weggelaten: bezin check --lang nl noemt ze"),
    ] {
        let home = Home::new();
        home.write_journal(&lines);
        let mut tty = Tty::open(&home, lang, (120, 30));
        tty.at(said, "q");
        let (code, text, bytes) = tty.finish();
        assert_eq!(code, 0);
        assert!(text.contains(":1: ") && text.contains(":3: "), "both named after the screen: {text}");
        for evil in [&b"\x1b[31m"[..], b"\x1b]52", b"\x07"] {
            assert!(!bytes.windows(evil.len()).any(|w| w == evil), "{evil:?} reached the terminal");
        }
    }
}
