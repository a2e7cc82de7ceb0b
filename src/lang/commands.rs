//! What the commands say when something is wrong, or worth a warning, in
//! each language. Commands, flags, file names and ids stay as they are.

use super::counted;

/// The commands' errors and warnings.
pub struct CommandWords {
    pub give_a_name: fn(&str) -> String,
    pub nobody: fn(&str, &str) -> String,
    pub could_be: fn(&str, &str) -> String,
    pub no_completions: &'static str,
    pub not_encrypted: fn(&str) -> String,
    pub search_text_empty: &'static str,
    pub export_onto_journal: fn(&str) -> String,
    pub export_stopped: &'static str,
    pub answer_too_large: fn(&str, &str) -> String,
    pub nothing_to_choose: &'static str,
    pub no_terminal_decrypt: &'static str,
    pub no_terminal_delete: fn(&str) -> String,
    pub unreadable_draft: fn(&str) -> String,
    pub no_terminal_discard: fn(&str) -> String,
    pub no_terminal_edit: &'static str,
    pub no_such_answer: fn(&str, &str, &str, &str) -> String,
    pub empty_answer: fn(&str, &str) -> String,
    pub answer_stays: fn(&str) -> String,
    /// No identity where one is named (the path, where it was named, the keys).
    pub no_identity: fn(&str, &str, &str) -> String,
    pub identity_reads_none: fn(&str, &str, &str) -> String,
    pub cannot_create: fn(&str) -> String,
    pub cannot_write: fn(&str) -> String,
    pub cannot_write_identity: fn(&str) -> String,
    pub cannot_read: fn(&str) -> String,
    pub not_regular: fn(&str) -> String,
    pub folder_not_journal: fn(&str) -> String,
    pub not_importable: fn(&str) -> String,
    pub damaged_left_out: fn(&str, usize, &str) -> String,
    pub all_damaged: fn(usize) -> String,
    pub jrnl_date: fn(&str, &str) -> String,
    pub migrated: fn(&str) -> String,
    pub resume_with_answers: &'static str,
    /// With the command that shows how.
    pub name_the_set: fn(&str) -> String,
    /// With the command that runs a set from a file, and the one that lists its prompts.
    pub no_terminal_run: fn(&str, &str) -> String,
    pub nothing_to_resume: fn(&str, &str) -> String,
    /// After a draft that could not be kept: the reason.
    pub only_in_memory: fn(&str) -> String,
    pub typed_not_kept: fn(&str) -> String,
    pub kept_to_shorten: fn(&str) -> String,
    pub kept_until_writable: fn(&str) -> String,
    pub printed_above: &'static str,
    pub cut_off_kept: fn(usize, &str) -> String,
    pub broken_set: fn(&str) -> String,
    /// With two example commands, made from `search_examples`.
    pub search_needs_text: fn(&str, &str) -> String,
    pub search_examples: [&'static str; 2],
    pub not_a_set_id: fn(&str) -> String,
    pub set_exists: fn(&str) -> String,
    pub set_missing: fn(&str, &str) -> String,
    pub other_version: fn(u32, &str, u32, &str) -> String,
    pub out_of_range: fn(usize) -> String,
    pub names_taken: fn(&str, &str) -> String,
    pub could_not_rename: fn(&str, &str, &str) -> String,
}

pub static EN: CommandWords = CommandWords {
    search_text_empty: "give some text to search for",
    export_onto_journal: |path| format!("{path} is the journal itself; export to another file"),
    export_stopped: "the export stopped unexpectedly",
    answer_too_large: |prompt, too_large| format!("answer to '{prompt}': with this answer {too_large}; shorten it"),
    nothing_to_choose: "there is nothing to choose from",
    give_a_name: |people| format!("give a name, or the start of one ({people} lists them)"),
    nobody: |query, people| format!("no reflection is about '{query}' ({people} lists everyone)"),
    could_be: |query, names| format!("'{query}' could be {names}; give more of the name"),
    no_completions: "this shell has no completions",
    not_encrypted: |path| format!("the journal {path} is not encrypted; there is nothing to decrypt"),
    no_terminal_decrypt: "no terminal to ask in; add --yes to decrypt the journal without asking",
    no_terminal_delete: |id| format!("no terminal to ask in; add --yes to delete {id} without asking"),
    unreadable_draft: |path| format!("{path} is not a readable draft; bezin leaves it as it is"),
    no_terminal_discard: |id| format!("no terminal to ask in; add --yes to discard the draft {id} without asking"),
    no_terminal_edit: "no terminal to edit in; give the changes with --title, --tag or --answers FILE",
    no_such_answer: |origin, entry, id, ids| {
        format!("{origin}: the entry {entry} has no answer to '{id}'; it has {ids}")
    },
    empty_answer: |origin, id| format!("{origin}: answer to '{id}' is empty; an answer cannot be removed by editing"),
    answer_stays: |too_large| format!("{too_large}; the answer stays as it was"),
    no_identity: |path, named_by, keys| {
        format!(
            "there is no identity at {path} ({named_by}) to read a journal encrypted to {keys}; give the one that \
             reads them with --identity FILE, so that you can still read your journal"
        )
    },
    identity_reads_none: |path, named_by, keys| {
        format!(
            "the identity {path} ({named_by}) reads none of {keys}; encrypting to them would lock you out of your \
             journal. Add its public key with --recipient, or give the identity that reads them with --identity FILE"
        )
    },
    cannot_create: |path| format!("could not create {path}"),
    cannot_write: |path| format!("could not write {path}"),
    cannot_write_identity: |path| format!("could not write the identity {path}"),
    cannot_read: |path| format!("could not read {path}"),
    not_regular: |path| {
        format!("{path} is not a regular file (a pipe or a device); save what to import in a file first")
    },
    folder_not_journal: |path| format!("{path} is a folder and no encrypted journal; give the file to import"),
    not_importable: |path| {
        format!(
            "{path} is not a bezin JSON export (bezin export --format json), a bezin journal, or a jrnl export \
             (jrnl --export json)"
        )
    },
    damaged_left_out: |path, line, err| format!("{path}:{line}: left out a damaged line ({err})"),
    all_damaged: |count| {
        let lines =
            if count == 1 { "its one line is".to_owned() } else { format!("every one of its {count} lines is") };
        format!("{lines} damaged; nothing was imported")
    },
    jrnl_date: |date, time| format!("a jrnl entry has a date bezin cannot read: {date} {time}"),
    migrated: |path| {
        format!(
            "bezin: the journal {path} is now a folder of one log per device (journal format 3), so that a sync \
             shared by several computers never loses an entry; an older bezin cannot write to it"
        )
    },
    resume_with_answers: "--resume goes on with a draft in the terminal; it does not go with --answers",
    name_the_set: |example| format!("name the set to run with --answers, like: {example}"),
    no_terminal_run: |run, show| {
        format!(
            "no terminal to ask the questions in; to run without one, give the answers in a file: {run} ({show} \
             lists the prompt ids)"
        )
    },
    nothing_to_resume: |set, drafts| {
        format!("there is no unfinished '{set}' reflection to resume ({drafts} lists them)")
    },
    only_in_memory: |err| format!("{err}; your answers are only in memory until the end"),
    typed_not_kept: |err| format!("{err}; what you typed last could not be kept"),
    kept_to_shorten: |resume| {
        format!("your answers are kept in a draft; {resume} takes you back to them to shorten one")
    },
    kept_until_writable: |resume| {
        format!("your answers are kept in a draft; once the journal can be written, {resume} saves them")
    },
    printed_above: "no draft could be kept either, so your answers are printed above; keep them",
    cut_off_kept: |line, path| {
        format!("line {line} of the journal was cut off by an earlier crash; it is kept in {path}")
    },
    broken_set: |broken| format!("left out a set that does not load:\n{broken}"),
    search_needs_text: |one, other| format!("search needs a text to look for, for example: {one} (or {other})"),
    search_examples: ["search Anna", "search \"next step\""],
    not_a_set_id: |id| {
        format!(
            "'{id}' cannot be a set id; use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter \
             or digit, like 'before-the-meeting'"
        )
    },
    set_exists: |path| format!("{path} exists already; edit it, or choose another id"),
    set_missing: |set, lang| format!("bezin: the set '{set}' is not here, so the entry is shown as recorded ({lang})"),
    other_version: |made, set, now, lang| {
        format!(
            "bezin: the entry was made with version {made} of '{set}', which is now version {now}; it is shown as \
             recorded ({lang})"
        )
    },
    out_of_range: |count| {
        let (lie, them) = if count == 1 { ("lies outside its", "it") } else { ("lie outside their", "them") };
        format!("{} {lie} scale; the trends leave {them} out", counted(count, "scale answer", "scale answers"))
    },
    names_taken: |wanted, folder| format!("{wanted} and 98 more versions of it are in {folder} already"),
    could_not_rename: |from, to, folder| format!("could not rename {from} to {to} in {folder}"),
};

pub static NL: CommandWords = CommandWords {
    search_text_empty: "geef een tekst om naar te zoeken",
    export_onto_journal: |path| format!("{path} is het dagboek zelf; exporteer naar een ander bestand"),
    export_stopped: "de export stopte onverwacht",
    answer_too_large: |prompt, too_large| {
        format!("antwoord op '{prompt}': met dit antwoord {too_large}; maak het korter")
    },
    nothing_to_choose: "er is niets om uit te kiezen",
    give_a_name: |people| format!("geef een naam, of het begin ervan ({people} toont ze)"),
    nobody: |query, people| format!("geen reflectie gaat over '{query}' ({people} toont iedereen)"),
    could_be: |query, names| format!("'{query}' kan {names} zijn; geef meer van de naam"),
    no_completions: "deze shell kent geen aanvulling",
    not_encrypted: |path| format!("het dagboek {path} is niet versleuteld; er valt niets te ontsleutelen"),
    no_terminal_decrypt: "geen terminal om het in te vragen; voeg --yes toe om het dagboek zonder vragen te ontsleutelen",
    no_terminal_delete: |id| {
        format!("geen terminal om het in te vragen; voeg --yes toe om {id} zonder vragen te verwijderen")
    },
    unreadable_draft: |path| format!("{path} is geen leesbaar concept; bezin laat het zoals het is"),
    no_terminal_discard: |id| {
        format!("geen terminal om het in te vragen; voeg --yes toe om het concept {id} zonder vragen weg te gooien")
    },
    no_terminal_edit: "geen terminal om in te wijzigen; geef de wijzigingen met --title, --tag of --answers BESTAND",
    no_such_answer: |origin, entry, id, ids| {
        format!("{origin}: de reflectie {entry} heeft geen antwoord op '{id}'; wel op {ids}")
    },
    empty_answer: |origin, id| {
        format!("{origin}: het antwoord op '{id}' is leeg; wijzigen kan een antwoord niet weghalen")
    },
    answer_stays: |too_large| format!("{too_large}; het antwoord blijft zoals het was"),
    no_identity: |path, named_by, keys| {
        format!(
            "er is geen identiteit op {path} ({named_by}) om een dagboek te lezen dat voor {keys} versleuteld is; \
             geef de identiteit die ze leest met --identity BESTAND, zodat je je dagboek kunt blijven lezen"
        )
    },
    identity_reads_none: |path, named_by, keys| {
        format!(
            "de identiteit {path} ({named_by}) leest geen van {keys}; daarvoor versleutelen zou je buitensluiten \
             van je dagboek. Voeg haar publieke sleutel toe met --recipient, of geef de identiteit die ze leest met \
             --identity BESTAND"
        )
    },
    cannot_create: |path| format!("{path} kon niet gemaakt worden"),
    cannot_write: |path| format!("{path} kon niet geschreven worden"),
    cannot_write_identity: |path| format!("de identiteit {path} kon niet geschreven worden"),
    cannot_read: |path| format!("{path} is niet te lezen"),
    not_regular: |path| {
        format!(
            "{path} is geen gewoon bestand (een pipe of een apparaat); bewaar wat je wilt importeren eerst in een bestand"
        )
    },
    folder_not_journal: |path| {
        format!("{path} is een map en geen versleuteld dagboek; geef het bestand dat je wilt importeren")
    },
    not_importable: |path| {
        format!(
            "{path} is geen JSON-export van bezin (bezin export --format json), geen dagboek van bezin en geen \
             export van jrnl (jrnl --export json)"
        )
    },
    damaged_left_out: |path, line, err| format!("{path}:{line}: een beschadigde regel weggelaten ({err})"),
    all_damaged: |count| {
        let lines = if count == 1 { "de enige regel is".to_owned() } else { format!("alle {count} regels zijn") };
        format!("{lines} beschadigd; er is niets geïmporteerd")
    },
    jrnl_date: |date, time| format!("een reflectie uit jrnl heeft een datum die bezin niet kan lezen: {date} {time}"),
    migrated: |path| {
        format!(
            "bezin: het dagboek {path} is nu een map met een logboek per apparaat (dagboekformaat 3), zodat een \
             synchronisatie tussen meerdere computers nooit een reflectie kwijtraakt; een oudere bezin kan er niet \
             meer in schrijven"
        )
    },
    resume_with_answers: "--resume gaat verder met een concept in de terminal; dat gaat niet samen met --answers",
    name_the_set: |example| format!("noem de set die je met --answers doet, zoals: {example}"),
    no_terminal_run: |run, show| {
        format!(
            "geen terminal om de vragen in te stellen; zonder terminal geef je de antwoorden in een bestand: {run} \
             ({show} toont de ids van de vragen)"
        )
    },
    nothing_to_resume: |set, drafts| {
        format!("er is geen onafgemaakte reflectie '{set}' om mee verder te gaan ({drafts} toont ze)")
    },
    only_in_memory: |err| format!("{err}; je antwoorden staan tot het einde alleen in het geheugen"),
    typed_not_kept: |err| format!("{err}; wat je het laatst typte, kon niet bewaard worden"),
    kept_to_shorten: |resume| {
        format!("je antwoorden staan in een concept; met {resume} ga je terug om er een in te korten")
    },
    kept_until_writable: |resume| {
        format!("je antwoorden staan in een concept; zodra het dagboek te schrijven is, bewaart {resume} ze")
    },
    printed_above: "ook een concept kon niet bewaard worden, dus je antwoorden staan hierboven; bewaar ze",
    cut_off_kept: |line, path| {
        format!("regel {line} van het dagboek werd afgebroken door een eerdere crash; hij staat in {path}")
    },
    broken_set: |broken| format!("een set die niet laadt, is weggelaten:\n{broken}"),
    search_needs_text: |one, other| {
        format!("search heeft een tekst nodig om te zoeken, bijvoorbeeld: {one} (of {other})")
    },
    search_examples: ["search Anna", "search \"volgende stap\""],
    not_a_set_id: |id| {
        format!(
            "'{id}' kan geen id van een set zijn; gebruik 1 tot 64 kleine letters, cijfers, '-' en '_', beginnend \
             met een letter of cijfer, zoals 'voor-het-overleg'"
        )
    },
    set_exists: |path| format!("{path} bestaat al; pas het aan, of kies een andere id"),
    set_missing: |set, lang| {
        format!("bezin: de set '{set}' is er niet, dus de reflectie staat er zoals ze bewaard is ({lang})")
    },
    other_version: |made, set, now, lang| {
        format!(
            "bezin: de reflectie is gemaakt met versie {made} van '{set}', die nu versie {now} is; ze staat er \
             zoals ze bewaard is ({lang})"
        )
    },
    out_of_range: |count| {
        let (fall, them) = if count == 1 { ("valt", "het") } else { ("vallen", "ze") };
        format!(
            "{} op een schaal {fall} buiten die schaal; de trends laten {them} weg",
            counted(count, "antwoord", "antwoorden")
        )
    },
    names_taken: |wanted, folder| format!("{wanted} en 98 andere versies ervan staan al in {folder}"),
    could_not_rename: |from, to, folder| format!("kon {from} in {folder} niet hernoemen naar {to}"),
};
