//! How bezin holds up on a journal of years: `cargo bench --bench journal`.
//!
//! Builds a journal of 100,000 entries (five answers each, Dutch and
//! English, some tags, ten years of dates), then times whole `bezin`
//! processes on it and measures each one's peak memory. When `jrnl` is on
//! PATH, it times jrnl on the same entries too. `BEZIN_BENCH_ENTRIES` and
//! `BEZIN_BENCH_RUNS` change the size and the number of runs;
//! `BEZIN_BENCH_KEEP` keeps the journals made, to look into them after.

// Sizes and times become floats only to print them.
#![allow(clippy::cast_precision_loss, clippy::cast_possible_wrap)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BEZIN: &str = env!("CARGO_BIN_EXE_bezin");
/// Set in the helper process that runs one command and reports its peak memory.
const MEASURE: &str = "BEZIN_BENCH_MEASURE";

fn main() {
    if std::env::var_os(MEASURE).is_some() {
        measure_child();
        return;
    }
    let entries: usize = env_number("BEZIN_BENCH_ENTRIES", 100_000);
    let runs: usize = env_number("BEZIN_BENCH_RUNS", 10);
    let dir = tempfile::tempdir().expect("a scratch folder");
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let journal = home.join("journal.jsonl");
    let started = Instant::now();
    let lines = make_journal(entries);
    let size = three_devices(&journal, &lines);
    println!("{}", machine());
    println!(
        "journal: {entries} entries in three devices' logs, {:.1} MB, made in {:.1} s; {runs} runs each, median\n",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let answers = dir.path().join("answers.toml");
    fs::write(&answers, ANSWERS).unwrap();
    let export = dir.path().join("export.json");
    let status = bezin(&home).args(["export", "--format", "json", "-o"]).arg(&export).status().unwrap();
    assert!(status.success(), "the JSON export for the import case failed");
    let jrnl_export = dir.path().join("jrnl-export.json");
    fs::write(&jrnl_export, jrnl_export_of(&lines)).unwrap();
    let empty = dir.path().join("empty");

    println!("{:<44} {:>10} {:>10} {:>12}", "command", "median", "target", "peak memory");
    let mut results = Vec::new();
    for case in cases(&answers, &export, &jrnl_export) {
        let home = if case.name.starts_with("import") { &empty } else { &home };
        let (median, rss) = time(home, &case, runs);
        let within = median <= case.target && rss <= 30 * 1024 * 1024;
        println!(
            "{:<44} {:>7.1} ms {:>7} ms {:>9.1} MB {}",
            case.name,
            millis(median),
            case.target.as_millis(),
            rss as f64 / 1_048_576.0,
            if within { "" } else { "  over target" }
        );
        results.push((case.name, median));
    }
    compare_with_grep(&home, runs);
    vault_export(dir.path(), &home, runs);
    after_a_sync(dir.path(), &home, &lines, &answers, runs);
    println!();
    recall(&home, &answers, runs);
    encrypted(dir.path(), &home, &lines, &answers, runs);
    odd_journals(dir.path(), runs);
    if let Some(jrnl) = jrnl_path() {
        compare_with_jrnl(&jrnl, dir.path(), entries, runs, &results);
    } else {
        println!("\njrnl is not on PATH; install it (pip install jrnl) to compare.");
    }
    if std::env::var_os("BEZIN_BENCH_KEEP").is_some() {
        println!("\nthe journals are kept in {}", dir.keep().display());
    }
}

/// One command to time, with its target on a 2-core machine.
struct Case {
    name: &'static str,
    args: Vec<String>,
    target: Duration,
}

fn cases(answers: &Path, export: &Path, jrnl_export: &Path) -> Vec<Case> {
    let case = |name, args: &[&str], target_ms| Case {
        name,
        args: args.iter().map(|arg| (*arg).to_owned()).collect(),
        target: Duration::from_millis(target_ms),
    };
    vec![
        case("list --limit 20", &["list", "--limit", "20"], 20),
        case("show last", &["show", "last"], 20),
        case("search zeldzaamheid (a rare word)", &["search", "zeldzaamheid"], 150),
        case("search łukasz (a rare name, any case)", &["search", "łukasz"], 150),
        case("export --format markdown (everything)", &["export", "--format", "markdown"], 250),
        case("import (the journal's JSON export)", &["import", &export.display().to_string()], 1500),
        case("import (jrnl's JSON export of the entries)", &["import", &jrnl_export.display().to_string()], 1500),
        case(
            "run five-tips --answers (save one more)",
            &["run", "five-tips", "--answers", &answers.display().to_string()],
            20,
        ),
    ]
}

/// The median wall time of `runs` runs, and the largest peak memory seen.
fn time(home: &Path, case: &Case, runs: usize) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        if case.name.starts_with("import") {
            let _ = fs::remove_dir_all(home.join("journal.jsonl"));
        }
        let started = Instant::now();
        let output = Command::new(std::env::current_exe().unwrap())
            .env(MEASURE, "1")
            .env("BEZIN_HOME", home)
            .args(&case.args)
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        times.push(started.elapsed());
        let report = String::from_utf8_lossy(&output.stdout);
        peak = peak.max(report.trim().parse::<u64>().unwrap_or_else(|_| panic!("{}: {report}", case.name)));
    }
    times.sort();
    (times[times.len() / 2], peak)
}

/// In the helper: runs bezin with our arguments, output thrown away, then
/// prints the peak memory of that one child in bytes.
fn measure_child() {
    let status = Command::new(BEZIN)
        .args(std::env::args_os().skip(1))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // In an odd journal check finds something wrong (1) and show may find no entry (2); a panic is a failure.
    assert!(status.code().is_some_and(|code| code <= 4), "bezin failed");
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).unwrap();
    println!("{}", usage.max_rss() * 1024);
}

fn bezin(home: &Path) -> Command {
    let mut command = Command::new(BEZIN);
    command.env("BEZIN_HOME", home).stdout(Stdio::null());
    command
}

const ANSWERS: &str = "counterpart = \"Anna\"\nrequest = \"More hours\"\ncalm = 6\n\
                       not-knowing = \"Maybe she needs something else.\"\n\
                       frame = \"time\"\nroom = \"A shorter meeting\"\nslow-down = [\"silence\"]\n\
                       desire = \"To be seen\"\ntogether = \"A plan\"\nopen = true\n";

const WORDS_EN: &[&str] = &[
    "the",
    "conversation",
    "request",
    "listen",
    "time",
    "team",
    "client",
    "desire",
    "together",
    "trust",
    "frame",
    "room",
    "meaning",
    "slow",
    "answer",
    "question",
    "agreement",
    "leader",
    "calm",
    "open",
];
const WORDS_NL: &[&str] = &[
    "het",
    "gesprek",
    "vraag",
    "luisteren",
    "tijd",
    "team",
    "klant",
    "verlangen",
    "samen",
    "vertrouwen",
    "kader",
    "speelruimte",
    "betekenis",
    "vertragen",
    "antwoord",
    "afspraak",
    "leidinggevende",
    "rust",
    "één",
    "drie",
];

/// `len` random words.
/// First names for the people of the journal.
const NAMES: &[&str] = &["Anna", "Bram", "Carla", "Daan", "Éva", "Finn", "Greet", "Hugo", "Ilse", "Joost"];

fn sentence(rng: &mut fastrand::Rng, words: &[&str], len: usize) -> String {
    (0..len).map(|_| words[rng.usize(..words.len())]).collect::<Vec<_>>().join(" ")
}

/// Writes `lines` as a journal folder (format 3) at `journal`, the entries
/// spread over three devices' logs as they saved them; returns its size.
pub(crate) fn three_devices(journal: &Path, lines: &str) -> u64 {
    let devices = ["laptop0001", "desktop001", "phone00001"];
    let mut logs = vec![String::new(); devices.len()];
    let mut rng = fastrand::Rng::with_seed(5);
    for (n, line) in lines.lines().enumerate() {
        let device = rng.usize(..devices.len());
        let at = 1_480_000_000_000_000 + n as u64;
        let _ = writeln!(logs[device], "{{\"add\":{line},\"at\":{at},\"dev\":\"{}\"}}", devices[device]);
    }
    fs::create_dir_all(journal).unwrap();
    fs::write(journal.join("format.txt"), "bezin journal, format 3\n").unwrap();
    for (device, log) in devices.iter().zip(&logs) {
        let folder = journal.join(format!("dev-{device}"));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("log-000001.jsonl"), log).unwrap();
    }
    logs.iter().map(|log| log.len() as u64).sum()
}

/// What the devices' syncs cost: the journal merged again after another
/// device's log changed (a sync brought a change), and a device's first
/// read after it saw 10,000 deletions and 30,000 changes of its own 100,000
/// entries replaced by later ones, which compacts its log.
fn after_a_sync(dir: &Path, home: &Path, lines: &str, answers: &Path, runs: usize) {
    println!("\nafter a sync, median of {runs} runs:");
    let phone = home.join("journal.jsonl/dev-phone00001/log-000001.jsonl");
    let arrived = median((0..runs).map(|n| {
        let change = format!(
            "{{\"change\":\"0000000042\",\"fields\":{{\"title\":\"t{n}\"}},\"at\":{},\"dev\":\"phone00001\"}}\n",
            2_000_000_000_000_000 + n
        );
        let mut log = fs::OpenOptions::new().append(true).open(&phone).unwrap();
        std::io::Write::write_all(&mut log, change.as_bytes()).unwrap();
        timed(bezin(home).args(["list", "--limit", "20"]))
    }));
    println!("{:<44} {:>7.1} ms", "list, after a change arrived from a device", millis(arrived));
    let own = dir.join("compacting");
    fs::create_dir_all(&own).unwrap();
    let saved = bezin(&own).args(["run", "five-tips", "--answers"]).arg(answers).stderr(Stdio::null()).status();
    assert!(saved.unwrap().success(), "the save that makes a device failed");
    let device = fs::read_to_string(own.join("state/device.txt")).unwrap();
    let device = device.split(' ').next().unwrap().to_owned();
    let made = dir.join("to-compact");
    let folder = made.join(format!("dev-{device}"));
    fs::create_dir_all(&folder).unwrap();
    fs::write(made.join("format.txt"), "bezin journal, format 3\n").unwrap();
    let mut log = String::new();
    let mut at = 1_480_000_000_000_000_u64;
    for line in lines.lines() {
        at += 1;
        let _ = writeln!(log, "{{\"add\":{line},\"at\":{at},\"dev\":\"{device}\"}}");
    }
    let mut rng = fastrand::Rng::with_seed(9);
    let count = lines.lines().count();
    for n in 0..30_000 {
        at += 1;
        let id = rng.usize(..count);
        let _ = writeln!(
            log,
            "{{\"change\":\"{id:010}\",\"fields\":{{\"title\":\"t{n}\"}},\"at\":{at},\"dev\":\"{device}\"}}"
        );
    }
    for _ in 0..10_000 {
        at += 1;
        let _ = writeln!(log, "{{\"delete\":\"{:010}\",\"at\":{at},\"dev\":\"{device}\"}}", rng.usize(..count));
    }
    fs::write(folder.join("log-000001.jsonl"), log).unwrap();
    let journal = own.join("journal.jsonl");
    let compacted = median((0..runs).map(|_| {
        let _ = fs::remove_dir_all(&journal);
        // What the device kept of the run before would make this the same journal, copied back.
        let _ = fs::remove_dir_all(own.join("state/journals"));
        assert!(Command::new("cp").arg("-r").arg(&made).arg(&journal).status().unwrap().success());
        let took = timed(bezin(&own).args(["list", "--limit", "20"]));
        assert!(journal.join(format!("dev-{device}/log-000002.jsonl")).exists(), "the log was compacted");
        took
    }));
    println!(
        "{:<44} {:>7.1} ms {:>7} ms{}",
        "first read after 10,000 deletions, compacting",
        millis(compacted),
        2000,
        if compacted <= Duration::from_secs(2) { "" } else { "  over target" }
    );
}

/// How long a command takes to its end.
fn timed(command: &mut Command) -> Duration {
    let started = Instant::now();
    assert!(command.status().unwrap().success(), "{command:?} failed");
    started.elapsed()
}

/// The logs of the journal folder at `journal`.
fn logs_of(journal: &Path) -> Vec<PathBuf> {
    let mut logs: Vec<PathBuf> = fs::read_dir(journal)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|device| device.file_name().to_string_lossy().starts_with("dev-"))
        .flat_map(|device| fs::read_dir(device.path()).unwrap().filter_map(Result::ok).map(|log| log.path()))
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("log-"))
        .collect();
    logs.sort();
    logs
}

/// `count` entries in time order over ten years, as journal lines.
pub(crate) fn make_journal(count: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(7);
    let start = jiff::Timestamp::from_second(1_480_000_000).unwrap();
    let step = 315_360_000 / count as i64;
    let mut out = String::with_capacity(count * 1200);
    for n in 0..count {
        let dutch = rng.bool();
        let words = if dutch { WORDS_NL } else { WORDS_EN };
        let mut answers: Vec<serde_json::Value> = (0..4)
            .map(|i| {
                let question = sentence(&mut rng, words, 9);
                let answer = sentence(&mut rng, words, 13);
                serde_json::json!({"prompt": format!("p{i}"), "kind": "long", "question": question, "answer": answer})
            })
            .collect();
        if n % 33_333 == 7 {
            answers[1]["answer"] = format!("{} zeldzaamheid", sentence(&mut rng, words, 5)).into();
        }
        if n % 33_333 == 11 {
            answers[2]["answer"] = format!("{} ŁUKASZ", sentence(&mut rng, words, 5)).into();
        }
        // Whom the entry is about, one of a few hundred people, as written
        // before entries recorded it on their own.
        answers[0]["prompt"] = "counterpart".into();
        answers[0]["kind"] = "text".into();
        answers[0]["answer"] = format!("{} {}", NAMES[n % NAMES.len()], n / NAMES.len() % 40).into();
        let question = sentence(&mut rng, words, 8);
        answers.push(serde_json::json!({"prompt": "calm", "kind": "scale", "question": question, "range": [1, 10], "answer": rng.i64(1..=10)}));
        let finished = start.checked_add(jiff::SignedDuration::from_secs(step * n as i64)).unwrap();
        let finished = finished.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string();
        let tags: Vec<&str> = ["work", "home", "team"].into_iter().filter(|_| rng.u8(..4) == 0).collect();
        let title =
            if rng.bool() { serde_json::Value::from(sentence(&mut rng, words, 4)) } else { serde_json::Value::Null };
        let entry = serde_json::json!({
            "format": 1, "id": format!("{n:010}"), "set": "five-tips", "set_version": 1,
            "lang": if dutch { "nl" } else { "en" }, "started": finished, "finished": finished,
            "title": title, "tags": tags, "follows": null, "answers": answers,
        });
        let _ = writeln!(out, "{entry}");
    }
    out
}

/// The entries of `journal` as jrnl exports them (`jrnl --export json`):
/// the title, the answers as the body, the date and time; indented, and
/// every character beyond ASCII escaped, as Python's json module writes.
fn jrnl_export_of(lines: &str) -> String {
    let entries: Vec<serde_json::Value> = lines
        .lines()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            let finished = entry["finished"].as_str().unwrap();
            let answers = entry["answers"].as_array().unwrap();
            let body: Vec<&str> = answers.iter().filter_map(|answer| answer["answer"].as_str()).collect();
            let tags: Vec<String> =
                entry["tags"].as_array().unwrap().iter().map(|tag| format!("@{}", tag.as_str().unwrap())).collect();
            serde_json::json!({
                "title": format!("{}.", entry["title"].as_str().unwrap_or("Reflection")), "body": body.join("\n"),
                "date": &finished[..10], "time": &finished[11..16], "tags": tags, "starred": false,
            })
        })
        .collect();
    let export = serde_json::to_string_pretty(&serde_json::json!({"tags": {}, "entries": entries})).unwrap();
    let mut escaped = String::with_capacity(export.len());
    for c in export.chars() {
        if c.is_ascii() {
            escaped.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(escaped, "\\u{unit:04x}");
            }
        }
    }
    escaped
}

/// Journals no bezin wrote whole: a torn last line, one huge entry, random
/// bytes, each at two sizes. Reading must take time in proportion to the
/// size (doubling it at most about doubles the time) and bounded memory.
fn odd_journals(dir: &Path, runs: usize) {
    println!("\nodd journals, median of {runs} runs (time at the larger size / time at the smaller):");
    let commands: [&[&str]; 4] = [&["list", "-n", "5"], &["show", "last"], &["search", "zeldzaamheid"], &["check"]];
    for (kind, sizes) in [("a torn last line of", [50, 100]), ("one entry of", [25, 50]), ("random bytes,", [2, 4])] {
        let homes: Vec<PathBuf> = sizes.iter().map(|&mb| odd_home(dir, kind, mb)).collect();
        for args in commands {
            let case =
                Case { name: "odd", args: args.iter().map(|arg| (*arg).to_owned()).collect(), target: Duration::ZERO };
            let timed: Vec<(Duration, u64)> = homes.iter().map(|home| time(home, &case, runs)).collect();
            println!(
                "{:<44} {:>7.1} ms {:>7.1} ms  x{:.2}  {:>6.1} MB peak",
                format!("{kind} {} / {} MB: {}", sizes[0], sizes[1], args.join(" ")),
                millis(timed[0].0),
                millis(timed[1].0),
                timed[1].0.as_secs_f64() / timed[0].0.as_secs_f64(),
                timed.iter().map(|(_, peak)| *peak).max().unwrap_or(0) as f64 / 1_048_576.0
            );
        }
    }
}

/// A home whose journal is `mb` megabytes of the odd `kind`.
fn odd_home(dir: &Path, kind: &str, mb: usize) -> PathBuf {
    let home = dir.join(format!("odd-{}-{mb}", kind.len()));
    fs::create_dir_all(&home).unwrap();
    let mut bytes = make_journal(1000).into_bytes();
    let size = mb * 1_000_000;
    match kind {
        "a torn last line of" => {
            bytes.extend_from_slice(b"{\"format\":1,\"id\":\"torn\",\"answers\":[\"");
            bytes.resize(bytes.len() + size, b'a');
        }
        "one entry of" => {
            let answer = "a".repeat(size);
            let entry = serde_json::json!({
                "format": 1, "id": "huge", "set": "five-tips", "set_version": 1, "lang": "en",
                "started": "2026-01-01T09:00:00+00:00", "finished": "2026-01-01T09:00:00+00:00", "title": null,
                "tags": [], "follows": null, "answers": [{"prompt": "a", "kind": "long", "question": "Q?", "answer": answer}]
            });
            bytes.extend_from_slice(format!("{entry}\n").as_bytes());
        }
        _ => {
            let mut rng = fastrand::Rng::with_seed(3);
            bytes = (0..size).map(|_| rng.u8(..)).collect();
        }
    }
    fs::write(home.join("journal.jsonl"), bytes).unwrap();
    home
}

/// `grep -ci WORD` on the journal's logs, the floor that search (at most 2.5
/// times it) and the whole Markdown export (at most 5 times) are held to,
/// timed the same way from here: bezin's output to /dev/null as in the cases
/// above, grep's into a pipe (on /dev/null, grep stops at the first match).
fn compare_with_grep(home: &Path, runs: usize) {
    println!("\nsearch, export and grep -ci on the journal's logs, timed alike, median of {runs} runs:");
    let logs = logs_of(&home.join("journal.jsonl"));
    let median = |command: &mut Command| {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let output = command.output().unwrap();
                assert!(output.status.code().is_some_and(|code| code <= 1), "{command:?} failed");
                started.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let pairs: [(&str, &[&str]); 3] = [
        ("zeldzaamheid", &["search", "zeldzaamheid"]),
        ("łukasz", &["search", "łukasz"]),
        ("zeldzaamheid", &["export", "--format", "markdown"]),
    ];
    for (word, args) in pairs {
        let grep = median(Command::new("grep").args(["-ci", word]).args(&logs));
        let ours = median(bezin(home).args(args));
        println!(
            "{:<44} {:>7.1} ms   grep -ci {word} {:.1} ms, {:.2} times grep",
            args.join(" "),
            millis(ours),
            millis(grep),
            ours.as_secs_f64() / grep.as_secs_f64()
        );
    }
}

/// `export --split` into an empty folder, and again into the same folder
/// with nothing changed: the second run writes no file and is held to twice
/// the Markdown export to standard output (to /dev/null, as above).
fn vault_export(dir: &Path, home: &Path, runs: usize) {
    let folder = dir.join("vault");
    let split = || {
        let mut command = bezin(home);
        command.stderr(Stdio::null()).args(["export", "--split", "-o"]).arg(&folder);
        command
    };
    let empty = median((0..runs).map(|_| {
        let _ = fs::remove_dir_all(&folder);
        timed(&mut split())
    }));
    let again = median((0..runs).map(|_| timed(&mut split())));
    let plain = median((0..runs).map(|_| timed(bezin(home).args(["export", "--format", "markdown"]))));
    println!(
        "
export --split, median of {runs} runs, against export --format markdown ({:.1} ms):",
        millis(plain)
    );
    println!("{:<44} {:>7.1} ms", "into an empty folder", millis(empty));
    println!(
        "{:<44} {:>7.1} ms {:>7.1} ms{}",
        "again, nothing changed",
        millis(again),
        millis(plain * 2),
        if again <= plain * 2 { "" } else { "  over target" }
    );
}

/// The same commands on the same entries, encrypted by `bezin encrypt` with
/// a new X25519 identity: reads of the newest entries and a save within
/// their targets, whole reads within 1.5 times their plain time, each
/// timed right after its plain twin so that both see the same machine.
fn encrypted(dir: &Path, plain: &Path, lines: &str, answers: &Path, runs: usize) {
    let home = dir.join("encrypted");
    fs::create_dir_all(&home).unwrap();
    // The encrypted journal is one device's: the same entries in one file.
    fs::write(home.join("journal.jsonl"), lines).unwrap();
    assert!(bezin(&home).arg("encrypt").status().unwrap().success(), "bezin encrypt failed");
    println!(
        "
the same journal encrypted (bezin encrypt), median of {runs} runs:"
    );
    println!("{:<44} {:>10} {:>14} {:>12}", "command", "median", "target", "peak memory");
    for case in cases(answers, Path::new(""), Path::new("")).into_iter().filter(|case| !case.name.starts_with("import"))
    {
        let whole = case.name.starts_with("search") || case.name.starts_with("export");
        let (target, shown) = if whole {
            let target = time(plain, &case, runs).0.mul_f64(1.5);
            (target, format!("1.5 x {:.1} ms", millis(target) / 1.5))
        } else {
            (case.target, format!("{} ms", case.target.as_millis()))
        };
        let (median, rss) = time(&home, &case, runs);
        println!(
            "{:<44} {:>7.1} ms {:>14} {:>9.1} MB {}",
            case.name,
            millis(median),
            shown,
            rss as f64 / 1_048_576.0,
            if median <= target { "" } else { "  over target" }
        );
    }
    recall(&home, answers, runs);
}

/// How long the recall takes to appear in a run, in a pseudo-terminal, when
/// a name seen before is typed the moment the first question is asked
/// (the index of people is brought up to date from the start of the run,
/// in a thread of its own). Timed right after a save, when the index reads
/// only the line saved, which is how it is used; and with no index, as
/// after a change to an old entry, when it is made from the whole journal.
fn recall(home: &Path, answers: &Path, runs: usize) {
    let after_save = median((0..runs).map(|_| {
        let saved = bezin(home).args(["run", "five-tips", "--answers"]).arg(answers).stderr(Stdio::null()).status();
        assert!(saved.unwrap().success(), "the save before the recall failed");
        recall_once(home)
    }));
    let whole = median((0..runs).map(|_| {
        for journal in fs::read_dir(home.join("state/journals")).into_iter().flatten().filter_map(Result::ok) {
            let _ = fs::remove_file(journal.path().join(".view.jsonl.index-people"));
        }
        let _ = fs::remove_file(home.join("journal.jsonl.age/index-people.age"));
        recall_once(home)
    }));
    let _ = fs::remove_dir_all(home.join("drafts"));
    println!("recall in a run, the name typed at once, from the name to the block, median of {runs} runs:");
    println!(
        "{:<44} {:>7.1} ms {:>7} ms{}",
        "  right after a save",
        millis(after_save),
        50,
        if after_save <= Duration::from_millis(50) { "" } else { "  over target" }
    );
    println!("{:<44} {:>7.1} ms", "  with the index made from the whole journal", millis(whole));
}

/// One run's time from the name typed to the recall shown.
fn recall_once(home: &Path) -> Duration {
    let mut command = Command::new(BEZIN);
    command.env("BEZIN_HOME", home).env("TERM", "xterm").env("NO_COLOR", "1");
    command.args(["run", "five-tips", "--fresh"]);
    // The terminal read directly, as soon as bezin writes, to time it.
    let mut process = rexpect::process::PtyProcess::new(command).unwrap();
    let mut screen = Screen { file: process.get_file_handle().unwrap(), seen: Vec::new() };
    screen.wait_for("(1/");
    screen.wait_for("› ");
    let asked = Instant::now();
    std::io::Write::write_all(&mut screen.file, b"Bram 7\r").unwrap();
    screen.wait_for(", the last on");
    let shown = asked.elapsed();
    let _ = process.kill(nix::sys::signal::Signal::SIGKILL);
    shown
}

fn median(times: impl Iterator<Item = Duration>) -> Duration {
    let mut times: Vec<Duration> = times.collect();
    times.sort();
    times[times.len() / 2]
}

/// A pseudo-terminal read as bezin writes to it.
struct Screen {
    file: fs::File,
    /// What was written and not yet waited for.
    seen: Vec<u8>,
}

impl Screen {
    /// Reads until `text` has been written, and past it.
    fn wait_for(&mut self, text: &str) {
        let mut buffer = [0; 4096];
        loop {
            if let Some(at) = self.seen.windows(text.len()).position(|window| window == text.as_bytes()) {
                self.seen.drain(..at + text.len());
                return;
            }
            let read = std::io::Read::read(&mut self.file, &mut buffer).unwrap();
            assert!(read > 0, "bezin ended before it wrote {text}");
            self.seen.extend_from_slice(&buffer[..read]);
        }
    }
}

fn jrnl_path() -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join("jrnl")).find(|path| path.is_file())
}

/// jrnl on the same entries, in its own plain-text journal.
fn compare_with_jrnl(jrnl: &Path, dir: &Path, count: usize, runs: usize, ours: &[(&str, Duration)]) {
    let journal = dir.join("jrnl.txt");
    let config = dir.join("jrnl.yaml");
    let mut text = String::new();
    for line in make_journal(count).lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let date = &entry["finished"].as_str().unwrap()[..16].replace('T', " ");
        let title = entry["title"].as_str().unwrap_or("Reflection");
        let body: Vec<&str> =
            entry["answers"].as_array().unwrap().iter().filter_map(|a| a["answer"].as_str()).collect();
        let _ = write!(text, "[{date}] {title}.\n{}\n\n", body.join("\n"));
    }
    fs::write(&journal, text).unwrap();
    let settings = format!(
        "colors: {{body: none, date: none, tags: none, title: none}}\ndefault_hour: 9\ndefault_minute: 0\neditor: ''\n\
         encrypt: false\nhighlight: false\nindent_character: '|'\njournals:\n  default:\n    journal: {}\n\
         linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.2\n",
        journal.display()
    );
    fs::write(&config, settings).unwrap();
    let runs = runs.min(3);
    println!("\njrnl on the same {count} entries, median of {runs} runs:");
    let cases: [(&str, &[&str], &str); 3] = [
        ("jrnl -n 20", &["-n", "20"], "list --limit 20"),
        ("jrnl -contains zeldzaamheid", &["-contains", "zeldzaamheid"], "search zeldzaamheid (a rare word)"),
        ("jrnl --export markdown", &["--export", "markdown"], "export --format markdown (everything)"),
    ];
    for (name, args, ours_name) in cases {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let status = Command::new(jrnl)
                    .arg("--config-file")
                    .arg(&config)
                    .args(args)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success(), "{name} failed");
                started.elapsed()
            })
            .collect();
        times.sort();
        let theirs = times[times.len() / 2];
        let ours = ours.iter().find(|(n, _)| *n == ours_name).map(|(_, d)| *d).unwrap();
        println!(
            "{name:<44} {:>9.1} ms   bezin is {:.0}x faster",
            millis(theirs),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "an unknown processor".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("machine: {cpu}, {cores} cores")
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}
