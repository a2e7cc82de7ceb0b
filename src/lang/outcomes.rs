//! What the commands say when they did something, or did nothing, and the
//! questions they ask first, in each language.

use super::{counted, entries, reflections};

/// The commands' outcomes and questions.
pub struct OutcomeWords {
    pub delete_question: fn(&str, &str, &str) -> String,
    pub nothing_deleted: &'static str,
    pub deleted: fn(&str, &str) -> String,
    pub decrypt_question: &'static str,
    pub nothing_decrypted: &'static str,
    pub decrypted: fn(&str) -> String,
    pub discard_question: fn(&str, &str, usize) -> String,
    pub nothing_discarded: &'static str,
    pub discarded: fn(&str) -> String,
    pub changed: fn(&str, &str) -> String,
    pub nothing_changed: &'static str,
    /// Changes made in the terminal that the person chose not to save.
    pub not_saved: &'static str,
    pub no_entry_holds: fn(&str) -> String,
    pub encrypted_already: fn(&str, &str) -> String,
    pub now_encrypted_to: fn(&str, &str) -> String,
    pub key_left_out: &'static str,
    pub encrypted: fn(&str) -> String,
    pub encrypted_to: fn(&str) -> String,
    pub new_key: fn(&str) -> String,
    pub public_key: fn(&str) -> String,
    pub keep_the_key: fn(&str) -> String,
    pub wrote_entries: fn(usize, &str) -> String,
    /// The folder, and how many were exported, written, as they were, renamed, removed.
    pub exported: fn(usize, &str, [usize; 4]) -> String,
    pub left_alone: fn(&str, &str) -> String,
    pub replaced: fn(&str, &str) -> String,
    pub kept_note: fn(&str) -> String,
    pub kept_for_later: fn(usize, &str, &str) -> String,
    pub imported: fn(usize, &str, usize) -> String,
    pub deleted_before: fn(usize) -> String,
    pub conflicts: fn(usize, &str) -> String,
    pub wrote: fn(&str) -> String,
    pub replaces_built_in: fn(&str) -> String,
    pub edit_then: fn(&str) -> String,
    pub valid_set: fn(&str, &str, usize) -> String,
}

pub static EN: OutcomeWords = OutcomeWords {
    delete_question: |id, title, date| format!("Delete {id} '{title}' of {date}? This cannot be undone"),
    nothing_deleted: "Nothing deleted.",
    deleted: |id, journal| format!("Deleted {id} from {journal}"),
    decrypt_question: "Decrypt the journal and its drafts into plain files that anyone with this computer's disk can read",
    nothing_decrypted: "Nothing decrypted.",
    decrypted: |journal| format!("Decrypted the journal into {journal}"),
    discard_question: |set, date, answers| {
        let answers = counted(answers, "answer", "answers");
        format!("Discard the unfinished '{set}' of {date} with {answers}? This cannot be undone")
    },
    nothing_discarded: "Nothing discarded.",
    discarded: |id| format!("Discarded the draft {id}"),
    changed: |id, journal| format!("Changed {id} in {journal}"),
    nothing_changed: "Nothing changed.",
    not_saved: "Nothing changed: your changes were not saved.",
    no_entry_holds: |text| format!("No entry holds '{text}'."),
    encrypted_already: |journal, keys| {
        format!(
            "The journal {journal} is encrypted already, to {keys}. To change its keys, name them all: \
             bezin encrypt --recipient KEY …"
        )
    },
    now_encrypted_to: |journal, keys| format!("The journal {journal} is now encrypted to {keys}"),
    key_left_out: "A key left out reads nothing written from now on; what it could read before, it may have kept.",
    encrypted: |folder| format!("Encrypted the journal and its drafts: {folder}"),
    encrypted_to: |keys| format!("They are encrypted to {keys}"),
    new_key: |path| format!("Made a new key: {path}"),
    public_key: |key| format!("Its public key: {key}"),
    keep_the_key: |path| {
        format!(
            "Without this file nobody can read your journal, you included. Keep a copy somewhere safe and apart \
             from this computer (a password manager, a USB stick in a drawer). With it, the age tool reads every \
             file of the journal without bezin: age -d -i {path} FILE"
        )
    },
    wrote_entries: |count, path| format!("Wrote {} to {path}", entries(count)),
    exported: |count, folder, [written, unchanged, renamed, removed]| {
        format!(
            "Exported {} to {folder}: {written} written, {unchanged} as they were, {renamed} renamed, {removed} \
             removed",
            entries(count)
        )
    },
    left_alone: |yours, ours| {
        format!(
            "Left {yours} alone: it changed since bezin wrote it, or bezin did not write it; bezin's version is in {ours}"
        )
    },
    replaced: |path, yours| {
        format!("Replaced {path}, which changed since bezin wrote it; that version is kept as {yours}")
    },
    kept_note: |path| format!("Kept {path}: its entry is gone, but it changed since bezin wrote it"),
    kept_for_later: |count, folder, why| {
        format!(
            "Kept {} for {folder}, encrypted: they join the journal, in their place, the next time it is read \
             with its identity ({why})",
            entries(count)
        )
    },
    imported: |added, journal, skipped| {
        format!("Imported {} into {journal} ({skipped} already there, skipped)", entries(added))
    },
    deleted_before: |count| {
        let were = if count == 1 { "was" } else { "were" };
        format!("{} {were} deleted from the journal before; a deleted entry does not come back", entries(count))
    },
    conflicts: |count, aside| {
        let were = if count == 1 { "was" } else { "were" };
        format!(
            "{} {were} in the journal with other content: the version changed last is kept, the other is in {aside}",
            entries(count)
        )
    },
    wrote: |path| format!("Wrote {path}"),
    replaces_built_in: |id| format!("It replaces the built-in set '{id}' while it is there."),
    edit_then: |command| format!("Edit it, then: {command}"),
    valid_set: |path, id, prompts| format!("{path}: ok, set '{id}' with {}", counted(prompts, "prompt", "prompts")),
};

pub static NL: OutcomeWords = OutcomeWords {
    delete_question: |id, title, date| format!("{id} '{title}' van {date} verwijderen? Dit is niet terug te draaien"),
    nothing_deleted: "Niets verwijderd.",
    deleted: |id, journal| format!("{id} verwijderd uit {journal}"),
    decrypt_question: "Het dagboek en je concepten ontsleutelen tot gewone bestanden die iedereen met de schijf van \
                       deze computer kan lezen",
    nothing_decrypted: "Niets ontsleuteld.",
    decrypted: |journal| format!("Het dagboek is ontsleuteld in {journal}"),
    discard_question: |set, date, answers| {
        let answers = counted(answers, "antwoord", "antwoorden");
        format!("De onafgemaakte '{set}' van {date} met {answers} weggooien? Dit is niet terug te draaien")
    },
    nothing_discarded: "Niets weggegooid.",
    discarded: |id| format!("Het concept {id} is weggegooid"),
    changed: |id, journal| format!("{id} gewijzigd in {journal}"),
    nothing_changed: "Niets gewijzigd.",
    not_saved: "Niets gewijzigd: je wijzigingen zijn niet bewaard.",
    no_entry_holds: |text| format!("Geen reflectie bevat '{text}'."),
    encrypted_already: |journal, keys| {
        format!(
            "Het dagboek {journal} is al versleuteld, voor {keys}. Noem ze allemaal om de sleutels te wijzigen: \
             bezin encrypt --recipient SLEUTEL …"
        )
    },
    now_encrypted_to: |journal, keys| format!("Het dagboek {journal} is nu versleuteld voor {keys}"),
    key_left_out: "Een sleutel die je weglaat, leest niets meer van wat vanaf nu geschreven wordt; wat hij eerder kon \
                   lezen, kan hij bewaard hebben.",
    encrypted: |folder| format!("Het dagboek en je concepten zijn versleuteld: {folder}"),
    encrypted_to: |keys| format!("Ze zijn versleuteld voor {keys}"),
    new_key: |path| format!("Een nieuwe sleutel gemaakt: {path}"),
    public_key: |key| format!("De publieke sleutel ervan: {key}"),
    keep_the_key: |path| {
        format!(
            "Zonder dit bestand kan niemand je dagboek lezen, jij ook niet. Bewaar een kopie op een veilige plek, \
             los van deze computer (een wachtwoordmanager, een USB-stick in een la). Daarmee leest het programma \
             age elk bestand van het dagboek zonder bezin: age -d -i {path} BESTAND"
        )
    },
    wrote_entries: |count, path| format!("{} geschreven naar {path}", reflections(count)),
    exported: |count, folder, [written, unchanged, renamed, removed]| {
        format!(
            "{} geëxporteerd naar {folder}: {written} geschreven, {unchanged} ongewijzigd, {renamed} hernoemd, \
             {removed} verwijderd",
            reflections(count)
        )
    },
    left_alone: |yours, ours| {
        format!(
            "{yours} met rust gelaten: het is gewijzigd sinds bezin het schreef, of bezin schreef het niet; de \
             versie van bezin staat in {ours}"
        )
    },
    replaced: |path, yours| {
        format!("{path} vervangen, dat gewijzigd was sinds bezin het schreef; die versie staat nu in {yours}")
    },
    kept_note: |path| format!("{path} bewaard: de reflectie is weg, maar het is gewijzigd sinds bezin het schreef"),
    kept_for_later: |count, folder, why| {
        format!(
            "{} versleuteld bewaard voor {folder}: ze komen op hun plek in het dagboek zodra het met de \
             identiteit gelezen wordt ({why})",
            reflections(count)
        )
    },
    imported: |added, journal, skipped| {
        let stood = if skipped == 1 { "stond" } else { "stonden" };
        format!("{} geïmporteerd in {journal} ({skipped} {stood} er al, overgeslagen)", reflections(added))
    },
    deleted_before: |count| {
        let were = if count == 1 { "was" } else { "waren" };
        format!(
            "{} {were} al eerder uit het dagboek verwijderd; een verwijderde reflectie komt niet terug",
            reflections(count)
        )
    },
    conflicts: |count, aside| {
        let stood = if count == 1 { "stond" } else { "stonden" };
        format!(
            "{} {stood} met andere inhoud in het dagboek: de versie die het laatst is gewijzigd blijft, de andere \
             staat in {aside}",
            reflections(count)
        )
    },
    wrote: |path| format!("{path} geschreven"),
    replaces_built_in: |id| format!("Zolang het er staat, vervangt het de ingebouwde set '{id}'."),
    edit_then: |command| format!("Pas het aan, en dan: {command}"),
    valid_set: |path, id, prompts| format!("{path}: in orde, set '{id}' met {}", counted(prompts, "vraag", "vragen")),
};
