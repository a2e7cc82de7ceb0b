//! What `bezin check` says, in each language. Each field is a label, or a
//! sentence made from the values it takes; a language lacking one does not
//! compile.

use super::{counted, entries, reflections};

/// `check`'s words.
pub struct CheckWords {
    pub journal: fn(&str, usize) -> String,
    pub journal_not_whole: fn(&str) -> String,
    pub newer_entries: fn(usize) -> String,
    pub damaged_entry: fn(&str) -> String,
    pub damaged_line: fn(usize, &str) -> String,
    pub drafts: fn(usize) -> String,
    pub broken_draft: fn(&str) -> String,
    pub leftover: fn(&str) -> String,
    pub all_is_well: &'static str,
    pub problem: &'static str,
    pub devices: fn(&str) -> String,
    pub this_device: &'static str,
    pub copy: fn(&str) -> String,
    pub arriving: fn(&str) -> String,
    pub cut_off: fn(&str) -> String,
    pub newer_changes: fn(usize) -> String,
    pub forgetting: fn(&str, usize) -> String,
    pub twins: fn(usize) -> String,
    pub refused: fn(usize) -> String,
    pub unreadable: fn(&str, &str) -> String,
    pub damaged_in_log: fn(usize, &str, &str) -> String,
    pub aside: fn(&str) -> String,
    /// A file of versions an import did not take in.
    pub set_aside: fn(&str) -> String,
    pub cannot_read: fn(&str) -> String,
    pub undecryptable: fn(&str, &str) -> String,
    pub encrypted: fn(&str) -> String,
    pub identity: fn(&str, &str) -> String,
    /// Where the identity was named, when not by a flag or a variable.
    pub identity_setting: &'static str,
    pub default_place: &'static str,
    pub unreadable_save: fn(&str, &str) -> String,
    pub arriving_folder: fn(&str) -> String,
    pub stray_sealed: fn(&str, &str) -> String,
    pub plain_beside: fn(&str, &str) -> String,
    pub plain_draft: fn(&str, &str) -> String,
    pub shared_folder: fn(&str, u32) -> String,
    pub open_to_others: fn(&str, bool, u32, u32, &str) -> String,
}

pub static EN: CheckWords = CheckWords {
    journal: |path, count| format!("journal: {path} ({})", entries(count)),
    journal_not_whole: |path| format!("journal: {path} (not read whole)"),
    newer_entries: |count| {
        let kept = if count == 1 { "kept as it is" } else { "kept as they are" };
        format!("newer: {} written by a newer bezin, {kept}", entries(count))
    },
    damaged_entry: |reason| format!("an entry of the journal is damaged ({reason}); it is left out"),
    damaged_line: |line, reason| format!("line {line} of the journal is damaged ({reason})"),
    drafts: |count| format!("drafts: {count} unfinished"),
    broken_draft: |path| format!("{path} is not a readable draft"),
    leftover: |path| {
        format!("{path} is left from a change that was stopped; the next edit, delete or import removes it")
    },
    all_is_well: "all is well",
    problem: "problem",
    devices: |names| format!("devices: {names}"),
    this_device: "this device",
    copy: |path| format!("copy: {path} is a copy a sync made of a log; what it holds is in the journal"),
    arriving: |path| {
        format!("arriving: the last change in {path} has not arrived whole (a sync under way?); it is read once it has")
    },
    cut_off: |path| {
        format!(
            "cut off: the last line of {path} was cut off as it was written (a crash); the next save keeps it aside"
        )
    },
    newer_changes: |count| {
        let kept = if count == 1 { "kept as it is" } else { "kept as they are" };
        format!("newer: {} written by a newer bezin, {kept}", counted(count, "change", "changes"))
    },
    forgetting: |device, count| {
        let (go, them) = if count == 1 { ("it goes", "it") } else { ("they go", "them") };
        format!(
            "forgetting: the logs of {device} still hold {} of deleted entries; {go} when bezin next runs there \
             (a device that no longer runs keeps {them} until its folder is removed)",
            counted(count, "change", "changes")
        )
    },
    twins: |count| {
        format!(
            "twins: {} {} added on two devices with different content; the one changed last is shown, and the \
             other stays in its device's log",
            entries(count),
            if count == 1 { "was" } else { "were" }
        )
    },
    refused: |count| {
        let have = if count == 1 { "has" } else { "have" };
        format!("{} {have} changes that together make no readable entry; shown without them", entries(count))
    },
    unreadable: |path, why| format!("{path} cannot be read ({why}); what it holds is left out"),
    damaged_in_log: |line, path, reason| format!("line {line} of {path} is damaged ({reason})"),
    aside: |path| format!("aside: {path} is not part of the journal; bezin leaves it as it is"),
    set_aside: |path| {
        format!("set aside: {path} holds versions of entries that an import did not take in; bezin leaves it as it is")
    },
    cannot_read: |err| format!("the journal cannot be read: {err}"),
    undecryptable: |part, why| {
        format!(
            "{part} is a part of the journal that cannot be decrypted ({why}); its entries are missing until it \
             is restored from a backup or another machine"
        )
    },
    encrypted: |keys| format!("encrypted: with age, to {keys} (and the journal's own key)"),
    identity: |path, from| format!("identity: {path} (from {from})"),
    identity_setting: "the identity setting",
    default_place: "the default place",
    unreadable_save: |path, import| {
        format!(
            "{path} is a save or an import neither the journal's key nor your identity can read (made for keys \
             they no longer are); age -d -i OLDER-IDENTITY FILE > saved.jsonl reads it with an older key, and \
             {import} brings it in (then remove the file)"
        )
    },
    arriving_folder: |path| {
        format!(
            "{path} is a newer journal folder that is not whole (a sync under way?); it becomes the journal once \
             it is, and until then holds changes made on another machine"
        )
    },
    stray_sealed: |path, import| {
        format!(
            "{path} is not part of the encrypted journal (an older copy, or another machine's from a sync); \
             {import} brings in what it holds, then remove it"
        )
    },
    plain_beside: |path, import| {
        format!(
            "{path} is a plain journal beside the encrypted one (left by a decrypt that was stopped, or a copy); \
             {import} brings its entries in, then remove it"
        )
    },
    plain_draft: |path, encrypt| format!("{path} is a draft in plain text; {encrypt} encrypts it"),
    shared_folder: |path, mode| {
        format!("{path} is a folder shared with others (mode {mode:o}); keep bezin's files in a folder of their own")
    },
    open_to_others: |path, changed, mode, owner_only, quoted| {
        let open_to = if changed { "changed" } else { "read" };
        format!("{path} can be {open_to} by others (mode {mode:o}); chmod {owner_only} {quoted} makes it yours alone")
    },
};

pub static NL: CheckWords = CheckWords {
    journal: |path, count| format!("dagboek: {path} ({})", reflections(count)),
    journal_not_whole: |path| format!("dagboek: {path} (niet helemaal gelezen)"),
    newer_entries: |count| {
        let are = if count == 1 { "is" } else { "zijn" };
        format!("nieuwer: {} van een nieuwere bezin, bewaard zoals ze {are}", reflections(count))
    },
    damaged_entry: |reason| format!("een reflectie in het dagboek is beschadigd ({reason}); ze blijft weg"),
    damaged_line: |line, reason| format!("regel {line} van het dagboek is beschadigd ({reason})"),
    drafts: |count| format!("concepten: {count} niet afgemaakt"),
    broken_draft: |path| format!("{path} is geen leesbaar concept"),
    leftover: |path| {
        format!("{path} is over van een wijziging die werd afgebroken; de volgende edit, delete of import ruimt het op")
    },
    all_is_well: "alles is in orde",
    problem: "probleem",
    devices: |names| format!("apparaten: {names}"),
    this_device: "dit apparaat",
    copy: |path| {
        format!(
            "kopie: {path} is een kopie die een synchronisatie van een logboek maakte; wat erin staat, staat in het dagboek"
        )
    },
    arriving: |path| {
        format!(
            "onderweg: de laatste wijziging in {path} is nog niet helemaal aangekomen (wordt er gesynchroniseerd?); bezin leest haar zodra ze er is"
        )
    },
    cut_off: |path| {
        format!(
            "afgebroken: de laatste regel van {path} werd tijdens het schrijven afgebroken (een crash); de volgende keer opslaan zet haar apart"
        )
    },
    newer_changes: |count| {
        let are = if count == 1 { "is" } else { "zijn" };
        format!(
            "nieuwer: {} van een nieuwere bezin, bewaard zoals ze {are}",
            counted(count, "wijziging", "wijzigingen")
        )
    },
    forgetting: |device, count| {
        let go = if count == 1 { "verdwijnt" } else { "verdwijnen" };
        format!(
            "vergeten: de logboeken van {device} bevatten nog {} van verwijderde reflecties; die {go} zodra bezin \
             daar weer draait (een apparaat dat niet meer draait, houdt ze tot zijn map weg is)",
            counted(count, "wijziging", "wijzigingen")
        )
    },
    twins: |count| {
        format!(
            "twee versies: {} {} op twee apparaten met verschillende inhoud toegevoegd; je ziet de versie die het \
             laatst is gewijzigd, de andere blijft in het logboek van haar apparaat",
            reflections(count),
            if count == 1 { "is" } else { "zijn" }
        )
    },
    refused: |count| {
        let have = if count == 1 { "heeft" } else { "hebben" };
        format!(
            "{} {have} wijzigingen die samen geen leesbare reflectie opleveren; je ziet ze zonder die wijzigingen",
            reflections(count)
        )
    },
    unreadable: |path, why| format!("{path} is niet te lezen ({why}); wat erin staat, blijft weg"),
    damaged_in_log: |line, path, reason| format!("regel {line} van {path} is beschadigd ({reason})"),
    aside: |path| format!("apart: {path} hoort niet bij het dagboek; bezin laat het zoals het is"),
    set_aside: |path| {
        format!(
            "apart gezet: {path} bevat versies van reflecties die een import niet overnam; bezin laat het zoals het is"
        )
    },
    cannot_read: |err| format!("het dagboek is niet te lezen: {err}"),
    undecryptable: |part, why| {
        format!(
            "{part} is een deel van het dagboek dat niet te ontsleutelen is ({why}); de reflecties erin ontbreken \
             tot je het terugzet uit een back-up of van een andere computer"
        )
    },
    encrypted: |keys| format!("versleuteld: met age, voor {keys} (en de eigen sleutel van het dagboek)"),
    identity: |path, from| format!("identiteit: {path} (uit {from})"),
    identity_setting: "de instelling identity",
    default_place: "de standaardplek",
    unreadable_save: |path, import| {
        format!(
            "{path} is opgeslagen werk of een import die noch de sleutel van het dagboek noch jouw identiteit kan \
             lezen (gemaakt voor sleutels die niet meer gelden); age -d -i OUDERE-IDENTITEIT BESTAND > saved.jsonl \
             leest het met een oudere sleutel, en {import} haalt het binnen (verwijder daarna het bestand)"
        )
    },
    arriving_folder: |path| {
        format!(
            "{path} is een nieuwere dagboekmap die nog niet compleet is (wordt er gesynchroniseerd?); zodra ze \
             compleet is, wordt ze het dagboek, en tot dan bevat ze wijzigingen van een andere computer"
        )
    },
    stray_sealed: |path, import| {
        format!(
            "{path} hoort niet bij het versleutelde dagboek (een oudere kopie, of die van een andere computer via \
             een synchronisatie); {import} haalt binnen wat erin staat, verwijder het daarna"
        )
    },
    plain_beside: |path, import| {
        format!(
            "{path} is een onversleuteld dagboek naast het versleutelde (over van een afgebroken decrypt, of een \
             kopie); {import} haalt de reflecties erin binnen, verwijder het daarna"
        )
    },
    plain_draft: |path, encrypt| format!("{path} is een onversleuteld concept; {encrypt} versleutelt het"),
    shared_folder: |path, mode| {
        format!(
            "{path} is een map die je met anderen deelt (modus {mode:o}); bewaar de bestanden van bezin in een eigen map"
        )
    },
    open_to_others: |path, changed, mode, owner_only, quoted| {
        let open_to = if changed { "wijzigen" } else { "lezen" };
        format!(
            "{path} is door anderen te {open_to} (modus {mode:o}); chmod {owner_only} {quoted} maakt het alleen \
             voor jou toegankelijk"
        )
    },
};
