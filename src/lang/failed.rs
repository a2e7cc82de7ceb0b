//! What bezin says when the system refuses it a step on a file (reading,
//! writing, removing …), in the interface's language: "could not read the
//! journal X" and "kon het dagboek X niet lezen". The system's own reason
//! follows it, as the system gives it.

use std::fmt::Display;

/// The step that failed.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Read,
    Write,
    Remove,
    Open,
    Lock,
    Create,
    Sync,
    Decrypt,
    Encrypt,
    Find,
    Mend,
    Keep,
    /// Move a journal file into the folder it becomes.
    MoveIntoItsFolder,
    /// Write a file inside the folder named.
    WriteIn,
    /// Add to the journal named.
    WriteTo,
    /// Write a key's file inside the folder named.
    WriteKeyIn,
    /// Put a file or folder made beside it in its place.
    PutInPlace,
    /// Make a folder inside the one named.
    MakeFolderIn,
    /// Keep a copy inside the folder named.
    KeepCopyIn,
}

/// What the step was done on, before its path.
#[derive(Clone, Copy, Debug)]
pub enum Thing {
    /// A file or folder named by its path alone.
    Path,
    Journal,
    PlainJournal,
    JournalFolder,
    /// The journal as this machine merged it.
    View,
    Folder,
    Index,
    Draft,
    Identity,
    Recipients,
    /// The folder of drafts.
    Drafts,
    SetFolder,
}

/// The sentence for `step` failing on `thing` at `path` (which may be
/// empty, where the thing is named enough).
pub fn could_not(step: Step, thing: Thing, path: impl Display) -> String {
    let said = match super::interface() {
        super::Lang::En => english(step, thing, &path.to_string()),
        super::Lang::Nl => dutch(step, thing, &path.to_string()),
    };
    said.replace("  ", " ").trim_end().to_owned()
}

fn english(step: Step, thing: Thing, path: &str) -> String {
    let what = match thing {
        Thing::Path => path.to_owned(),
        Thing::Journal => format!("the journal {path}"),
        Thing::PlainJournal => format!("the plain journal {path}"),
        Thing::JournalFolder => format!("the journal folder {path}"),
        Thing::View => format!("the journal's view {path}"),
        Thing::Folder => format!("the folder {path}"),
        Thing::Index => format!("the index {path}"),
        Thing::Draft => format!("the draft {path}"),
        Thing::Identity => format!("the identity {path}"),
        Thing::Recipients => format!("the recipients {path}"),
        Thing::Drafts => format!("the drafts in {path}"),
        Thing::SetFolder => format!("the prompt folder {path}"),
    };
    let verb = match step {
        Step::PutInPlace => return format!("could not put {what} in place"),
        Step::MakeFolderIn => return format!("could not make a folder in {what}"),
        Step::KeepCopyIn => return format!("could not keep a copy in {what}"),
        Step::MoveIntoItsFolder => return format!("could not move {what} into its folder"),
        Step::WriteIn => return format!("could not write in {what}"),
        Step::WriteTo => return format!("could not write to {what}"),
        Step::WriteKeyIn => return format!("could not write a key in {what}"),
        Step::Read => "read",
        Step::Write => "write",
        Step::Remove => "remove",
        Step::Open => "open",
        Step::Lock => "lock",
        Step::Create => "create",
        Step::Sync => "sync",
        Step::Decrypt => "decrypt",
        Step::Encrypt => "encrypt",
        Step::Find => "find",
        Step::Mend => "mend",
        Step::Keep => "keep",
    };
    format!("could not {verb} {what}")
}

fn dutch(step: Step, thing: Thing, path: &str) -> String {
    let what = match thing {
        Thing::Path => path.to_owned(),
        Thing::Journal => format!("het dagboek {path}"),
        Thing::PlainJournal => format!("het onversleutelde dagboek {path}"),
        Thing::JournalFolder => format!("de dagboekmap {path}"),
        Thing::View => format!("het samengevoegde dagboek {path}"),
        Thing::Folder => format!("de map {path}"),
        Thing::Index => format!("de index {path}"),
        Thing::Draft => format!("het concept {path}"),
        Thing::Identity => format!("de identiteit {path}"),
        Thing::Recipients => format!("de ontvangers {path}"),
        Thing::Drafts => format!("de concepten in {path}"),
        Thing::SetFolder => format!("de map met sets {path}"),
    };
    let verb = match step {
        Step::MakeFolderIn => return format!("kon geen map maken in {what}"),
        Step::KeepCopyIn => return format!("kon geen kopie bewaren in {what}"),
        Step::WriteIn => return format!("kon niet schrijven in {what}"),
        Step::WriteTo => return format!("kon niet naar {what} schrijven"),
        Step::WriteKeyIn => return format!("kon geen sleutel schrijven in {what}"),
        Step::MoveIntoItsFolder => "naar zijn map verplaatsen",
        Step::PutInPlace => "op zijn plaats zetten",
        Step::Read => "lezen",
        Step::Write => "schrijven",
        Step::Remove => "verwijderen",
        Step::Open => "openen",
        Step::Lock => "vergrendelen",
        Step::Create => "maken",
        Step::Sync => "op schijf vastleggen",
        Step::Decrypt => "ontsleutelen",
        Step::Encrypt => "versleutelen",
        Step::Find => "vinden",
        Step::Mend => "herstellen",
        Step::Keep => "bewaren",
    };
    format!("kon {what} niet {verb}")
}

#[cfg(test)]
mod tests {
    use super::{Step, Thing, dutch, english};

    #[test]
    fn a_failed_step_reads_as_a_sentence_in_both_languages() {
        assert_eq!(english(Step::Read, Thing::Journal, "/j"), "could not read the journal /j");
        assert_eq!(dutch(Step::Read, Thing::Journal, "/j"), "kon het dagboek /j niet lezen");
        assert_eq!(english(Step::PutInPlace, Thing::Path, "/p"), "could not put /p in place");
        assert_eq!(dutch(Step::PutInPlace, Thing::Path, "/p"), "kon /p niet op zijn plaats zetten");
        assert_eq!(dutch(Step::MakeFolderIn, Thing::Path, "/d"), "kon geen map maken in /d");
    }
}
