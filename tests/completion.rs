//! Completion in real shells: a file or folder name, whatever it holds,
//! comes back from the completed command line as that one name, and
//! nothing in it runs. bash is always there; zsh, fish and elvish are
//! tried where they are installed, and PowerShell is checked by what bezin
//! hands it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{BEZIN, Home, scrub, text};
use rexpect::session::{PtySession, spawn_with_options};

/// A folder of names a shell would read as more than a name.
struct Hostile {
    home: Home,
}

impl Hostile {
    fn new() -> Hostile {
        let home = Home::new();
        let files = ["a $(touch pwned) b", "back`touch pwned`tick", "it's \"quoted\"", "star*", "-rf", "new\nline"];
        for name in files {
            home.write(&format!("here/{name}"), "");
        }
        home.write("here/.hidden", "");
        home.write("here/sp ace/x $(touch pwned) y", "");
        home.write("person/no $(touch pwned) te", "");
        Hostile { home }
    }

    /// The folder the shell completes in.
    fn here(&self) -> PathBuf {
        self.home.path().join("here")
    }

    /// The home folder of the shell, for `~/`.
    fn person(&self) -> PathBuf {
        self.home.path().join("person")
    }

    /// What bezin offers `shell` for the command line `words` (the last
    /// word being completed), as its script reads it.
    fn offered(&self, shell: &str, words: &[&str]) -> String {
        let mut command = self.home.process();
        command.current_dir(self.here()).env("BEZIN_COMPLETE", shell).arg("--").args(words);
        if shell == "bash" {
            command.env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string()).env("_CLAP_IFS", "\n");
        }
        let out = command.output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    }

    fn assert_nothing_ran(&self) {
        for folder in [self.here(), self.here().join("sp ace"), self.person()] {
            assert!(!folder.join("pwned").exists(), "a file name ran in {}", folder.display());
        }
    }
}

/// One completion: the words before, what the person types, and the word
/// that the shell must read back after Tab.
struct Case {
    before: &'static [&'static str],
    typed: &'static str,
    /// What `typed` means, without the shell's quoting.
    meant: &'static str,
    word: &'static str,
}

/// Every argument that names a file or a folder, each with a name that
/// would run, split or match if it were inserted as it is.
const CASES: [Case; 11] = [
    Case { before: &["import"], typed: "a", meant: "a", word: "a $(touch pwned) b" },
    Case { before: &["import"], typed: "'a $(", meant: "a $(", word: "a $(touch pwned) b" },
    Case { before: &["export", "-o"], typed: "ba", meant: "ba", word: "back`touch pwned`tick" },
    Case { before: &["list", "--journal"], typed: "it", meant: "it", word: "it's \"quoted\"" },
    Case { before: &["list", "--prompts"], typed: "sp", meant: "sp", word: "sp ace/" },
    Case { before: &["run", "five-tips", "--answers"], typed: "st", meant: "st", word: "star*" },
    Case { before: &["edit", "last", "--answers"], typed: "ne", meant: "ne", word: "new\nline" },
    Case { before: &["sets", "validate", "x.toml"], typed: "a\\ ", meant: "a ", word: "a $(touch pwned) b" },
    Case { before: &["list", "--identity"], typed: "./-", meant: "./-", word: "./-rf" },
    Case { before: &["encrypt", "--recipients-file"], typed: "\"it", meant: "it", word: "it's \"quoted\"" },
    Case { before: &["encrypt", "-R"], typed: "sp\\ ace/", meant: "sp ace/", word: "sp ace/x $(touch pwned) y" },
];

/// An interactive shell to complete in, and how to drive it.
struct Shell {
    program: &'static str,
    /// The shell's arguments, given the path of its start-up file.
    args: fn(rc: &str) -> Vec<String>,
    /// The start-up file's name (zsh finds it through `ZDOTDIR`).
    rc: &'static str,
    /// What the start-up file does, given the file `readback` writes to:
    /// load bezin's completions, show the prompt `[ready]`, and define
    /// `readback`, which writes its words there and says `READ-BACK`.
    startup: fn(out: &str) -> String,
    /// The key that takes the cursor to the start of the line.
    start_of_line: &'static str,
    /// Whether bezin can hand this shell a name that holds a newline.
    newlines: bool,
    /// Whether the shell inserts a completion of `~/…` for bezin.
    home: bool,
    /// What is typed for a case.
    typed: fn(&Case) -> String,
}

fn posix_typed(case: &Case) -> String {
    case.typed.to_owned()
}

const BASH: Shell = Shell {
    program: "bash",
    args: |rc| vec!["--rcfile".into(), rc.into(), "--noprofile".into(), "-i".into()],
    rc: "bashrc",
    startup: |out| {
        format!(
            "PS1='[ready] '\nsource <(bezin completions bash)\n\
             readback() {{ printf '%s\\0' \"$@\" > '{out}'; echo READ-BACK; }}\n"
        )
    },
    start_of_line: "\x01",
    newlines: true,
    home: true,
    typed: posix_typed,
};

const ZSH: Shell = Shell {
    program: "zsh",
    args: |_| vec!["-d".into(), "-i".into()],
    rc: ".zshrc",
    startup: |out| {
        format!(
            "bindkey -e\nautoload -Uz compinit && compinit -u -D\nPS1='[ready] '\nsource <(bezin completions zsh)\n\
             readback() {{ printf '%s\\0' \"$@\" > '{out}'; echo READ-BACK; }}\n"
        )
    },
    start_of_line: "\x01",
    newlines: false,
    home: false,
    typed: posix_typed,
};

const FISH: Shell = Shell {
    program: "fish",
    args: |rc| vec!["--no-config".into(), "-i".into(), "-C".into(), format!("source '{rc}'")],
    rc: "rc.fish",
    startup: |out| {
        format!(
            "function fish_prompt; echo '[ready] '; end\nbezin completions fish | source\n\
             function readback; string join0 -- $argv > '{out}'; echo READ-BACK; end\n"
        )
    },
    start_of_line: "\x01",
    newlines: false,
    home: true,
    typed: posix_typed,
};

/// elvish inserts a single completion at once when its quoted form goes on
/// from what was typed, so a name it must quote is typed after a `'`.
const ELVISH: Shell = Shell {
    program: "elvish",
    args: |rc| vec!["-rc".into(), rc.into()],
    rc: "rc.elv",
    startup: |out| {
        format!(
            "eval (bezin completions elvish | slurp)\nuse str\n\
             fn readback {{|@w| print (str:join \"\\x00\" $w)\"\\x00\" > '{out}'; echo READ-BACK }}\n\
             set edit:rprompt = {{ put '' }}\nset edit:prompt = {{ put '[ready] ' }}\n"
        )
    },
    start_of_line: "\x1b[H",
    newlines: false,
    home: false,
    typed: |case| {
        let plain = case.word.chars().all(|c| c.is_ascii_alphanumeric() || "./-".contains(c));
        if plain { case.meant.to_owned() } else { format!("'{}", case.meant.replace('\'', "''")) }
    },
};

/// Completes every case in `shell`, in the hostile folder, and reads each
/// completed line back with the shell itself; false when it is not installed.
fn completes_each_name_as_one_word(shell: &Shell) -> bool {
    if std::process::Command::new(shell.program).arg("--version").output().is_err() {
        eprintln!("{} is not installed here: its completion is not tried", shell.program);
        return false;
    }
    let hostile = Hostile::new();
    let out = hostile.home.path().join("read-back");
    let rc = hostile.home.write(&format!("rc/{}", shell.rc), &(shell.startup)(out.to_str().unwrap()));
    let mut p = interactive(shell, &hostile, &rc);
    let home_case = Case { before: &["list", "--journal"], typed: "~/n", meant: "", word: "" };
    let person_file = hostile.person().join("no $(touch pwned) te");
    let cases = CASES.iter().filter(|case| shell.newlines || !case.word.contains('\n'));
    let cases = cases.chain(shell.home.then_some(&home_case));
    for case in cases {
        expect(&mut p, "[ready]");
        let _ = fs::remove_file(&out);
        let line =
            format!("bezin {} {}\t{}readback \r", case.before.join(" "), (shell.typed)(case), shell.start_of_line);
        p.send(&line).unwrap();
        p.flush().unwrap();
        expect(&mut p, "READ-BACK");
        let words = fs::read(&out).unwrap();
        let words: Vec<String> = text(&words).split_terminator('\0').map(str::to_owned).collect();
        let word = if case.word.is_empty() { person_file.to_str().unwrap() } else { case.word };
        let mut expected = vec!["bezin"];
        expected.extend(case.before);
        expected.push(word);
        assert_eq!(words, expected, "{}: {:?} after {:?}", shell.program, (shell.typed)(case), case.before);
        hostile.assert_nothing_ran();
    }
    p.send("exit\r").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    true
}

/// `shell` in a pseudo-terminal, in the hostile folder, with bezin first
/// on its path; waits for expected text as `common::patient` does.
fn interactive(shell: &Shell, hostile: &Hostile, rc: &Path) -> PtySession {
    let bin = Path::new(BEZIN).parent().unwrap();
    let mut command = std::process::Command::new(shell.program);
    scrub(&mut command);
    command
        .args((shell.args)(rc.to_str().unwrap()))
        .env("ZDOTDIR", rc.parent().unwrap())
        .current_dir(hostile.here())
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()))
        .env("BEZIN_HOME", hostile.home.path())
        .env("HOME", hostile.person())
        .env("XDG_CONFIG_HOME", hostile.home.path().join("config"))
        .env("XDG_DATA_HOME", hostile.home.path().join("data"))
        .env("INPUTRC", "/dev/null")
        .env("TERM", "xterm");
    spawn_with_options(command, common::patient(true)).unwrap()
}

fn expect(p: &mut PtySession, text: &str) {
    p.exp_string(text).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
}

#[test]
fn bash_completes_every_file_and_folder_argument_as_the_one_word_it_names() {
    assert!(completes_each_name_as_one_word(&BASH), "bash is always there");
}

#[test]
fn zsh_completes_every_file_and_folder_argument_as_the_one_word_it_names() {
    completes_each_name_as_one_word(&ZSH);
}

#[test]
fn fish_completes_every_file_and_folder_argument_as_the_one_word_it_names() {
    completes_each_name_as_one_word(&FISH);
}

#[test]
fn elvish_completes_every_file_and_folder_argument_as_the_one_word_it_names() {
    completes_each_name_as_one_word(&ELVISH);
}

#[test]
fn powershell_is_handed_each_name_quoted_and_none_it_would_split() {
    let hostile = Hostile::new();
    let offered = hostile.offered("powershell", &["bezin", "import", ""]);
    let words: Vec<&str> = offered.lines().collect();
    assert!(words.contains(&"'a $(touch pwned) b'"), "{offered:?}");
    assert!(words.contains(&"'it''s \"quoted\"'"), "{offered:?}");
    assert!(words.contains(&"'sp ace/'"), "{offered:?}");
    assert!(words.contains(&"./-rf"), "{offered:?}");
    assert!(!offered.contains("new"), "a name with a newline would come back as two: {offered:?}");
}

#[test]
fn names_are_offered_as_a_person_would_type_them() {
    let hostile = Hostile::new();
    let offered = hostile.offered("bash", &["bezin", "import", ""]);
    let words: Vec<&str> = offered.lines().collect();
    assert!(words.contains(&"./-rf") && !words.contains(&"-rf"), "{offered:?}");
    assert!(words.contains(&"sp ace/"), "a folder ends with a slash: {offered:?}");
    assert!(!offered.contains(".hidden"), "{offered:?}");
    assert_eq!(hostile.offered("bash", &["bezin", "import", ".h"]), ".hidden");
    assert_eq!(hostile.offered("bash", &["bezin", "list", "--prompts", ""]), "sp ace/", "folders only");
    assert_eq!(hostile.offered("bash", &["bezin", "import", "sp ace/"]), "sp ace/x $(touch pwned) y");
}
