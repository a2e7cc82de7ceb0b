//! How large what comes in may be: ids are plain words; a bad file among
//! one's own sets stops nothing, and no file read whole is read without a
//! limit.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::process::Command;

use common::{Home, text};
use predicates::prelude::*;

/// `args`, with a safety net: a command that blocks fails the test instead
/// of hanging it.
fn run(home: &Home, args: &[&str]) -> assert_cmd::assert::Assert {
    home.command().args(args).timeout(std::time::Duration::from_secs(120)).assert()
}

#[test]
fn a_set_id_longer_than_an_entry_id_may_be_is_refused_with_its_place() {
    let home = Home::new();
    let long = "a".repeat(70);
    let set = format!(
        "id = \"{long}\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n\
         [[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"A?\"\n"
    );
    let path = home.write("prompts/long.toml", &set).display().to_string();
    run(&home, &["sets", "validate", &path]).code(1).stdout(format!(
        "{path}:1:6: set id '{long}' must be 1 to 64 lowercase letters, digits, '-' or '_' (like 'check-the-potential')\n"
    ));
    let answers = home.write("answers.toml", "a = true\n");
    run(&home, &["run", &long, "--answers", answers.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(format!("{path}:1:6: set id")));
    assert!(home.entries().is_empty());
}

/// A set of one yes/no question.
fn small_set(id: &str) -> String {
    format!(
        "id = \"{id}\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"A?\"\n"
    )
}

#[test]
fn a_bad_file_among_ones_own_sets_is_left_out_with_a_warning_and_stops_nothing() {
    let home = Home::new();
    home.write("prompts/good.toml", &small_set("good"));
    let latin1 = home.path().join("prompts/latin1.toml");
    fs::write(&latin1, b"id = \"caf\xe9\"\n").unwrap();
    let oversized = home.write("prompts/oversized.toml", &format!("{}# {}\n", small_set("big"), "x".repeat(1_000_000)));
    let fifo = home.path().join("prompts/fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let zero = home.path().join("prompts/zero.toml");
    symlink("/dev/zero", &zero).unwrap();
    let listed = run(&home, &["sets"]).success().get_output().clone();
    let (out, err) = (text(&listed.stdout), text(&listed.stderr));
    assert!(out.contains("good "), "{out}");
    assert!(out.contains("five-tips "), "{out}");
    let warned = [
        format!("{}:1:10: not UTF-8 text", latin1.display()),
        format!("{}: could not be read: larger than 1 MB, more than a prompt set may be", oversized.display()),
        format!("{}: could not be read: not a regular file", fifo.display()),
        format!("{}: could not be read: not a regular file", zero.display()),
    ];
    for warning in warned {
        assert_eq!(err.matches(&warning).count(), 1, "{warning} in:\n{err}");
    }
    let answers = home.write("answers.toml", "a = true\n");
    run(&home, &["run", "good", "--answers", answers.to_str().unwrap()]).success();
    run(&home, &["list"]).success().stdout(predicate::str::contains("good"));
    run(&home, &["search", "anything"]).success();
}

#[test]
fn no_file_read_whole_is_read_past_its_limit() {
    let home = Home::new();
    run(&home, &["sets", "validate", "/dev/zero"])
        .code(1)
        .stdout("/dev/zero: could not be read: larger than 1 MB, more than a prompt set may be\n");
    run(&home, &["run", "five-tips", "--answers", "/dev/zero"]).code(3).stderr(
        "bezin: could not read the answers file /dev/zero: larger than 8 MB, more than an answers file may be\n",
    );
    run(&home, &["encrypt", "--recipients-file", "/dev/zero"])
        .code(3)
        .stderr(predicate::str::contains("larger than 1 MB, more than a file of keys may be"));
    let latin1 = home.path().join("answers.toml");
    fs::write(&latin1, b"counterpart = \"Ren\xe9\"\n").unwrap();
    run(&home, &["run", "five-tips", "--answers", latin1.to_str().unwrap()])
        .code(3)
        .stderr(predicate::str::contains("not UTF-8 text (line 1, column 19)"));
    symlink("/dev/zero", home.path().join("config.toml")).unwrap();
    run(&home, &["list"]).code(3).stderr(format!(
        "bezin: could not read the settings {}: not a regular file (a folder, a device or a pipe)\n",
        home.path().join("config.toml").display()
    ));
    assert!(home.entries().is_empty());
}
