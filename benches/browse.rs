//! How `bezin browse` holds up on a journal of years: `cargo bench --bench
//! browse`. Makes the journal of the journal bench (100,000 entries, or
//! `BEZIN_BENCH_ENTRIES`), then drives `bezin browse` in a pseudo-terminal
//! `BEZIN_BENCH_RUNS` times (5) and times what a person sees: the first
//! screen, a key while the journal is still read, the whole list read, and
//! a search's first and last matches; with bezin's peak memory.

// Sizes become floats only to print them.
#![allow(clippy::cast_precision_loss)]

#[path = "journal.rs"]
#[allow(dead_code, clippy::all, clippy::pedantic)]
mod journal;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BEZIN: &str = env!("CARGO_BIN_EXE_bezin");
/// The terminal's size.
const SIZE: (u16, u16) = (120, 40);

fn main() {
    let entries: usize = number("BEZIN_BENCH_ENTRIES", 100_000);
    let runs: usize = number("BEZIN_BENCH_RUNS", 5);
    let dir = tempfile::tempdir().expect("a scratch folder");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let size = journal::three_devices(&home.join("journal.jsonl"), &journal::make_journal(entries));
    // The devices' logs are merged once, as any first read after a sync does.
    let merged = Command::new(BEZIN).env("BEZIN_HOME", &home).args(["list", "--limit", "1"]).output().unwrap();
    assert!(merged.status.success(), "bezin list failed");
    println!("journal: {entries} entries, {:.1} MB; {runs} runs each, median\n", size as f64 / 1e6);
    let seen: Vec<Seen> = (0..runs).map(|_| Seen::of(&home)).collect();
    let search = median(&mut (0..runs).map(|_| search_command(&home)).collect::<Vec<_>>());
    let rows: [Row; 5] = [
        ("first screen drawn", |seen| seen.first_screen, Some(Duration::from_millis(50))),
        ("a key answered while the journal is read", |seen| seen.key_while_reading, Some(Duration::from_millis(50))),
        ("every entry read", |seen| seen.all_read, None),
        ("search 'vertrouwen': first matches shown", |seen| seen.common_first, Some(Duration::from_millis(150))),
        ("search 'zeldzaamheid': every match shown", |seen| seen.rare_all, Some(search)),
    ];
    println!("{:<44} {:>10} {:>10}", "browse", "median", "target");
    for (name, of, target) in rows {
        let median = median(&mut seen.iter().map(of).collect::<Vec<_>>());
        let target = target.map_or(String::new(), |target| format!("{:.1} ms", millis(target)));
        let over = if target.is_empty() || median <= of_target(&target) { "" } else { "  over target" };
        println!("{name:<44} {:>7.1} ms {target:>10}{over}", millis(median));
    }
    let peak = seen.iter().map(|seen| seen.peak_kb).max().unwrap_or(0);
    println!("{:<44} {:>7.1} MB {:>10}", "peak memory (the largest)", peak as f64 / 1024.0, "50 MB");
    println!("{:<44} {:>7.1} ms", "bezin search zeldzaamheid, for comparison", millis(search));
}

/// The target written as `N ms`, back as a duration.
fn of_target(target: &str) -> Duration {
    Duration::from_secs_f64(target.trim_end_matches(" ms").parse::<f64>().unwrap_or(f64::MAX) / 1000.0)
}

/// A line of the results: what is timed, where in a run, and its target.
type Row = (&'static str, fn(&Seen) -> Duration, Option<Duration>);

/// What one run of `bezin browse` showed, and when.
struct Seen {
    first_screen: Duration,
    key_while_reading: Duration,
    all_read: Duration,
    common_first: Duration,
    rare_all: Duration,
    peak_kb: u64,
}

impl Seen {
    fn of(home: &Path) -> Seen {
        let mut screen = Screen::open(home);
        let started = Instant::now();
        screen.wait_until(|text| text.contains('❯'));
        let first_screen = started.elapsed();
        // The newest entry is chosen; j chooses the next while the rest is read.
        let key = Instant::now();
        screen.send("j");
        screen.wait_until(|text| chosen_row(text) == Some(2));
        let key_while_reading = key.elapsed();
        let reading = screen.text().contains("reading…");
        screen.wait_until(|text| !text.contains("reading…"));
        let all_read = started.elapsed();
        assert!(reading, "the key came after the journal was read: make it bigger");
        let common_first = screen.search("vertrouwen", |text| matches_shown(text) > 0);
        // Esc alone, then the search is gone.
        screen.send("\x1b");
        screen.wait_until(|text| !text.contains(" of "));
        let rare_all = screen.search("zeldzaamheid", |text| matches_shown(text) > 0 && !text.contains("searching…"));
        let peak_kb = peak_kb();
        screen.send("\rq");
        screen.wait_end();
        Seen { first_screen, key_while_reading, all_read, common_first, rare_all, peak_kb }
    }
}

/// How many entries the list shows while a search or filter is in force:
/// `N of M entries` on the first line.
fn matches_shown(text: &str) -> usize {
    let mut words = text.lines().next().unwrap_or_default().split_whitespace();
    match (words.next().and_then(|n| n.parse().ok()), words.next()) {
        (Some(shown), Some("of")) => shown,
        _ => 0,
    }
}

/// The row of the screen the chosen entry is on.
fn chosen_row(text: &str) -> Option<usize> {
    text.lines().position(|line| line.contains('❯'))
}

/// `bezin browse` in a pseudo-terminal, what it drew read as it arrives.
struct Screen {
    process: rexpect::process::PtyProcess,
    file: std::fs::File,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn open(home: &Path) -> Screen {
        let mut command = Command::new("sh");
        let script = format!("stty cols {} rows {} && exec \"$0\" browse", SIZE.0, SIZE.1);
        command.args(["-c", &script, BEZIN]).env("BEZIN_HOME", home).env("TERM", "xterm-256color").env("NO_COLOR", "1");
        let process = rexpect::process::PtyProcess::new(command).unwrap();
        let mut reader = process.get_file_handle().unwrap();
        let size = |n: u16| std::num::NonZero::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(SIZE.1), size(SIZE.0), 0)));
        let fed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buffer = vec![0; 65536];
            while let Ok(read @ 1..) = reader.read(&mut buffer) {
                fed.lock().unwrap().process(&buffer[..read]);
            }
        });
        Screen { file: process.get_file_handle().unwrap(), process, parser }
    }

    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_until(&self, test: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !test(&self.text()) {
            assert!(start.elapsed() < Duration::from_secs(60), "waited a minute; the screen:\n{}", self.text());
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    fn send(&mut self, keys: &str) {
        std::io::Write::write_all(&mut self.file, keys.as_bytes()).unwrap();
    }

    /// Types a search at once; how long until the screen passes `found`.
    fn search(&mut self, text: &str, found: impl Fn(&str) -> bool) -> Duration {
        let typed = Instant::now();
        self.send(&format!("/{text}"));
        self.wait_until(|screen| screen.contains(&format!("search: {text}")) && found(screen));
        typed.elapsed()
    }

    fn wait_end(&mut self) {
        let _ = self.process.wait();
    }
}

/// The peak resident memory of the bezin running, as the kernel counts it.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", bezin_pid())).unwrap();
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The process id of the bezin this bench started in its pseudo-terminal.
fn bezin_pid() -> u32 {
    let tasks = std::fs::read_dir("/proc/self/task").unwrap().filter_map(Result::ok);
    let children: Vec<u32> = tasks
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| list.split_whitespace().filter_map(|pid| pid.parse().ok()).collect::<Vec<_>>())
        .collect();
    let is_bezin = |pid: &u32| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "bezin");
    children.into_iter().find(is_bezin).expect("bezin runs")
}

/// `bezin search zeldzaamheid`, timed whole.
fn search_command(home: &Path) -> Duration {
    let started = Instant::now();
    let status = Command::new(BEZIN)
        .env("BEZIN_HOME", home)
        .args(["search", "zeldzaamheid"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    started.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}
