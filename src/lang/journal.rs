//! What the journal's folder says of itself, in each language: a record
//! it cannot read, and a folder it will not write or encrypt.

/// The journal folder's words.
pub struct JournalWords {
    pub not_utf8: &'static str,
    /// A journal line too long to be an entry, in whole megabytes.
    pub line_too_long: fn(u64) -> String,
    pub line_of_newer_format: fn(u32) -> String,
    pub no_record: &'static str,
    pub stamped_beyond: fn(u64) -> String,
    pub fields_not_by_name: &'static str,
    pub change_of: fn(&str, &str) -> String,
    pub field_unfit: fn(&str) -> String,
    pub answer_unfit: fn(&str) -> String,
    pub finish_unreadable: fn(&str) -> String,
    pub newer_format: fn(&str, &str) -> String,
    pub not_own_folder: fn(&str) -> String,
    pub log_not_regular: fn(&str) -> String,
    pub not_for_encrypting: fn(&str) -> String,
    pub shared_for_encrypting: fn(&str, &str) -> String,
    pub no_entries_yet: fn(&str) -> String,
    pub nothing_changed: fn(&str) -> String,
    pub no_longer_there: fn(&str) -> String,
    pub not_importable: fn(usize, &str) -> String,
    pub not_a_stamp: fn(usize, &str, &str) -> String,
    pub finish_unreadable_in_file: fn(&str, &str) -> String,
    pub not_regular_journal: fn(&str) -> String,
    pub needs_identity: fn(&str, &str) -> String,
    pub encrypted_already: fn(&str) -> String,
    pub not_plain_word: fn(&str, &str) -> String,
    pub names_no_key: &'static str,
    pub no_encrypted_journal: fn(&str) -> String,
    pub not_age_file: fn(&str, &str) -> String,
    pub no_age_key: fn(&str) -> String,
    pub changed_while_written: fn(&str) -> String,
    pub identity_only: fn(&str) -> String,
    pub read_in_memory: fn(&str, &str) -> String,
    pub waiting_for_lock: &'static str,
    pub no_room_for_import: &'static str,
    pub not_encrypted: &'static str,
    pub reading_stopped: &'static str,
    pub search_stopped: &'static str,
}

pub static EN: JournalWords = JournalWords {
    not_utf8: "not UTF-8",
    line_too_long: |megabytes| format!("a line of {megabytes} MB, longer than an entry can be"),
    line_of_newer_format: |format| format!("written by a newer bezin, in format {format}"),
    no_record: "neither an entry nor a change of one",
    stamped_beyond: |at| format!("a change stamped {at}, later than any bezin makes"),
    fields_not_by_name: "a change whose fields are not by name",
    change_of: |id, problem| format!("a change of the entry {id}: {problem}"),
    field_unfit: |field| format!("its '{field}' is not what that field holds"),
    answer_unfit: |prompt| format!("its answer to '{prompt}' is not an answer to it"),
    finish_unreadable: |id| format!("the entry {id} has a finish time bezin cannot read"),
    newer_format: |dir, says| {
        format!(
            "the journal {dir} was written by a newer bezin (its format.txt says '{says}'); this one leaves it as it is"
        )
    },
    not_own_folder: |dir| format!("{dir} is not a folder of bezin's (a link, or a file); bezin writes only there"),
    log_not_regular: |path| format!("{path} is not a regular file; bezin writes its log only to a file of its own"),
    not_for_encrypting: |dir| {
        format!(
            "the journal {dir} holds what its encrypted form would not keep (bezin check names it: damaged or \
             newer records, versions, files set aside); nothing was encrypted"
        )
    },
    shared_for_encrypting: |dir, others| {
        format!(
            "the journal {dir} is kept on other devices too ({others}); encrypting or decrypting it here would \
             leave them writing to a folder that is gone. Decide on one device, move the others' folders (dev-…) \
             out of the journal once they have synced, and do it there; then sync the new journal to the others"
        )
    },
    no_entries_yet: |path| format!("the journal {path} has no entries yet"),
    nothing_changed: |why| format!("{why}; nothing was changed"),
    no_longer_there: |id| format!("the entry {id} is no longer in the journal; nothing was changed"),
    not_a_stamp: |place, field, stamp| {
        format!(
            "entry {place} of the file cannot be imported: its {field} '{stamp}' is not a time as bezin records one \
             (RFC 3339 like 2026-11-24T09:15:02+01:00, an offset within ±23:59); nothing was imported"
        )
    },
    not_importable: |place, problem| {
        format!("entry {place} of the file cannot be imported: {problem}; nothing was imported")
    },
    finish_unreadable_in_file: |id, finished| format!("entry {id} has a finish time bezin cannot read: '{finished}'"),
    not_regular_journal: |path| format!("the journal {path} is not a regular file; give bezin a file of its own"),
    needs_identity: |dir, keys| format!("the journal {dir} is encrypted; give the identity of {keys} with --identity"),
    encrypted_already: |path| format!("the journal {path} is encrypted already"),
    not_plain_word: |field, id| {
        format!("its {field} '{id}' is not a plain word (1 to 64 letters, digits, '-' or '_', not starting with '-')")
    },
    names_no_key: "the encrypted journal names no key (its keys-….json files are missing)",
    no_encrypted_journal: |path| format!("{path} holds no encrypted journal (no sealed-… folder)"),
    not_age_file: |path, err| format!("{path} is not a readable age file ({err})"),
    no_age_key: |path| format!("{path} holds no age key"),
    changed_while_written: |path| format!("the journal {path} changed as it was written"),
    identity_only: |path| format!("the encrypted journal {path} is read with the identity only"),
    read_in_memory: |place, why| {
        format!(
            "the view of the journal cannot be kept in {place} ({why}); it is read in memory instead, which is slower"
        )
    },
    waiting_for_lock: "Waiting for the journal: another bezin is using it. Ctrl-C stops the wait.",
    no_room_for_import: "could not make room for the import",
    not_encrypted: "the journal is not encrypted",
    reading_stopped: "the reading stopped unexpectedly",
    search_stopped: "the search stopped unexpectedly",
};

pub static NL: JournalWords = JournalWords {
    not_utf8: "geen UTF-8",
    line_too_long: |megabytes| format!("een regel van {megabytes} MB, langer dan een reflectie kan zijn"),
    line_of_newer_format: |format| format!("geschreven door een nieuwere bezin, in formaat {format}"),
    no_record: "geen reflectie en geen wijziging van een reflectie",
    stamped_beyond: |at| format!("een wijziging met tijdstempel {at}, later dan bezin er ooit een maakt"),
    fields_not_by_name: "een wijziging waarvan de velden niet bij naam staan",
    change_of: |id, problem| format!("een wijziging van de reflectie {id}: {problem}"),
    field_unfit: |field| format!("haar '{field}' is niet wat dat veld bevat"),
    answer_unfit: |prompt| format!("haar antwoord op '{prompt}' is geen antwoord op die vraag"),
    finish_unreadable: |id| format!("de reflectie {id} heeft een eindtijd die bezin niet kan lezen"),
    newer_format: |dir, says| {
        format!(
            "het dagboek {dir} is geschreven door een nieuwere bezin (in format.txt staat '{says}'); deze laat het \
             zoals het is"
        )
    },
    not_own_folder: |dir| {
        format!("{dir} is geen map van bezin (een koppeling, of een bestand); bezin schrijft alleen daar")
    },
    log_not_regular: |path| {
        format!("{path} is geen gewoon bestand; bezin schrijft zijn logboek alleen naar een eigen bestand")
    },
    not_for_encrypting: |dir| {
        format!(
            "het dagboek {dir} bevat wat de versleutelde vorm niet zou bewaren (bezin check noemt het: beschadigde \
             of nieuwere regels, versies, apart gezette bestanden); er is niets versleuteld"
        )
    },
    shared_for_encrypting: |dir, others| {
        format!(
            "het dagboek {dir} staat ook op andere apparaten ({others}); als je het hier versleutelt of ontsleutelt, \
             schrijven de andere naar een map die er niet meer is. Kies één apparaat, haal de mappen van de andere \
             (dev-…) uit het dagboek zodra ze gesynchroniseerd zijn, doe het daar en synchroniseer daarna het nieuwe \
             dagboek naar de andere"
        )
    },
    no_entries_yet: |path| format!("het dagboek {path} heeft nog geen reflecties"),
    nothing_changed: |why| format!("{why}; er is niets veranderd"),
    no_longer_there: |id| format!("de reflectie {id} staat niet meer in het dagboek; er is niets veranderd"),
    not_a_stamp: |place, field, stamp| {
        format!(
            "reflectie {place} van het bestand kan niet worden geïmporteerd: het veld {field} '{stamp}' is geen tijd \
             zoals bezin die vastlegt (RFC 3339, zoals 2026-11-24T09:15:02+01:00, met een verschil van hoogstens \
             ±23:59); er is niets geïmporteerd"
        )
    },
    not_importable: |place, problem| {
        format!("reflectie {place} van het bestand kan niet worden geïmporteerd: {problem}; er is niets geïmporteerd")
    },
    finish_unreadable_in_file: |id, finished| {
        format!("reflectie {id} heeft een eindtijd die bezin niet kan lezen: '{finished}'")
    },
    not_regular_journal: |path| format!("het dagboek {path} is geen gewoon bestand; geef bezin een eigen bestand"),
    needs_identity: |dir, keys| {
        format!("het dagboek {dir} is versleuteld; geef de identiteit van {keys} met --identity")
    },
    encrypted_already: |path| format!("het dagboek {path} is al versleuteld"),
    not_plain_word: |field, id| {
        format!(
            "haar {field} '{id}' is geen eenvoudig woord (1 tot 64 letters, cijfers, '-' of '_', niet beginnend met \
             '-')"
        )
    },
    names_no_key: "het versleutelde dagboek noemt geen sleutel (de bestanden keys-….json ontbreken)",
    no_encrypted_journal: |path| format!("{path} bevat geen versleuteld dagboek (geen map sealed-…)"),
    not_age_file: |path, err| format!("{path} is geen leesbaar age-bestand ({err})"),
    no_age_key: |path| format!("{path} bevat geen age-sleutel"),
    changed_while_written: |path| format!("het dagboek {path} veranderde terwijl het werd geschreven"),
    identity_only: |path| format!("het versleutelde dagboek {path} is alleen met de identiteit te lezen"),
    read_in_memory: |place, why| {
        format!(
            "het overzicht van het dagboek kan niet in {place} bewaard worden ({why}); het wordt in plaats daarvan \
             in het geheugen gelezen, wat trager is"
        )
    },
    waiting_for_lock: "Wacht op het dagboek: een andere bezin gebruikt het. Ctrl-C stopt het wachten.",
    no_room_for_import: "kon geen ruimte maken voor de import",
    not_encrypted: "het dagboek is niet versleuteld",
    reading_stopped: "het lezen stopte onverwacht",
    search_stopped: "het zoeken stopte onverwacht",
};
