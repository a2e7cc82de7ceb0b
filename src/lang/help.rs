//! `--help` and the manual page in a language other than English. The
//! English is clap's: made from the doc comments of cli.rs, and clap's own
//! words. Each English text stands here beside its Dutch, so that a text
//! changed in cli.rs is seen to need new words (a test walks every command
//! and finds each of its texts here).

/// The words laid over clap's English.
pub struct HelpWords {
    /// Before the usage line: clap's "Usage:".
    pub usage: &'static str,
    /// The headings of the commands, the arguments and the options.
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    /// What stands for a command in a usage line, and for the options.
    pub command: &'static str,
    pub options_tag: &'static str,
    /// Before an option's default, and before the values it takes.
    pub default: &'static str,
    pub possible: &'static str,
    /// The manual page's sections, beside the names `clap_mangen` gives them.
    pub sections: &'static [(&'static str, &'static str)],
    /// What stands for a value, beside clap's: `<PATH>`, `[SET]`.
    pub placeholders: &'static [(&'static str, &'static str)],
    /// Every text of the help, beside its English.
    pub texts: &'static [(&'static str, &'static str)],
    /// The texts of `browse`, kept beside its screen's words.
    pub browse: &'static [(&'static str, &'static str)],
    /// What clap says of a mistake on the command line.
    pub mistakes: MistakeWords,
}

/// clap's words for a mistake on the command line: what was typed, and
/// the option or command it was typed for, are clap's to fill in.
pub struct MistakeWords {
    /// Before every mistake: clap's "error:".
    pub error: &'static str,
    pub unknown_command: fn(&str) -> String,
    pub unknown_argument: fn(&str) -> String,
    /// The value, then the option it was given for.
    pub invalid_value: fn(&str, &str) -> String,
    pub no_value: fn(&str) -> String,
    pub missing: &'static str,
    pub needs_command: fn(&str) -> String,
    pub only_once: fn(&str) -> String,
    pub not_with: fn(&str) -> String,
    pub too_many: fn(&str, &str) -> String,
    /// Heads the values an option takes, and what resembles a mistyped
    /// command, option or value.
    pub possible: &'static str,
    pub similar_command: &'static str,
    pub similar_argument: &'static str,
    pub similar_value: &'static str,
    /// The last line, with the flag that shows help.
    pub more: fn(&str) -> String,
}

impl HelpWords {
    /// The words for an English text of the help; the text itself when
    /// there are none.
    pub fn said<'a>(&'a self, english: &'a str) -> &'a str {
        self.text(english).unwrap_or(english)
    }

    fn text(&self, english: &str) -> Option<&'static str> {
        find(self.texts, english).or_else(|| find(self.browse, english))
    }

    /// Whether there are words for an English text.
    #[cfg(test)]
    pub fn has(&self, english: &str) -> bool {
        self.text(english).is_some()
    }

    /// What stands for a value, for clap's `PATH`.
    pub fn placeholder(&self, english: &str) -> Option<&'static str> {
        find(self.placeholders, english)
    }

    /// A section of the manual page, for the name `clap_mangen` gives it.
    pub fn section<'a>(&'a self, english: &'a str) -> &'a str {
        find(self.sections, english).unwrap_or(english)
    }
}

fn find(pairs: &'static [(&'static str, &'static str)], english: &str) -> Option<&'static str> {
    pairs.iter().find(|(known, _)| *known == english).map(|(_, said)| *said)
}

pub static NL: HelpWords = HelpWords {
    usage: "Gebruik:",
    commands: "Opdrachten",
    arguments: "Argumenten",
    options: "Opties",
    command: "OPDRACHT",
    options_tag: "[OPTIES]",
    default: "standaard",
    possible: "mogelijk",
    sections: &[
        ("NAME", "NAAM"),
        ("SYNOPSIS", "OVERZICHT"),
        ("DESCRIPTION", "BESCHRIJVING"),
        ("EXTRA", "VOORBEELDEN"),
        ("VERSION", "VERSIE"),
    ],
    placeholders: &[
        ("PATH", "PAD"),
        ("FILE", "BESTAND"),
        ("FILES", "BESTANDEN"),
        ("DIR", "MAP"),
        ("LANG", "TAAL"),
        ("WHEN", "WANNEER"),
        ("ID", "ID"),
        ("SET", "SET"),
        ("TITLE", "TITEL"),
        ("TAG", "LABEL"),
        ("NAME", "NAAM"),
        ("DATE", "DATUM"),
        ("N", "N"),
        ("TEXT", "TEKST"),
        ("FORMAT", "VORM"),
        ("LINKS", "SOORT"),
        ("KEY", "SLEUTEL"),
        ("SHELL", "SHELL"),
        ("COMMAND", "OPDRACHT"),
    ],
    browse: super::browse::HELP_NL,
    texts: &[
        // bezin itself, and what every command takes.
        (
            "A reflection coach for the terminal: think before you begin.",
            "Een reflectiecoach voor de terminal: bezint eer ge begint.",
        ),
        (
            "bezin walks you through a reflection, question by question, before (and after) a hard conversation, \
             and keeps your answers in a local journal.",
            "bezin leidt je vraag voor vraag door een reflectie, voor (en na) een moeilijk gesprek, en bewaart je \
             antwoorden in een dagboek op je eigen computer.",
        ),
        (
            "Examples:\n  bezin                           what there is, and where you left off\n  \
             bezin run five-tips            reflect before a conversation\n  \
             bezin run after-the-conversation --lang nl\n  bezin list                      your latest reflections",
            "Voorbeelden:\n  bezin                   wat er is, en waar je gebleven was\n  \
             bezin run five-tips     reflecteren voor een gesprek\n  \
             bezin run after-the-conversation --lang nl\n  bezin list              je laatste reflecties",
        ),
        (
            "The journal file to read and write, instead of the default place",
            "Het dagboekbestand om te lezen en te schrijven, in plaats van de gewone plek",
        ),
        (
            "The age identity that reads an encrypted journal [default: BEZIN_IDENTITY, the settings, else \
             identity.txt beside them]",
            "De age-identiteit die een versleuteld dagboek leest [standaard: BEZIN_IDENTITY, de instellingen, \
             anders identity.txt ernaast]",
        ),
        (
            "Another folder of prompt sets (*.toml); may be given more than once",
            "Nog een map met vragensets (*.toml); mag vaker gegeven worden",
        ),
        (
            "The language of the prompts: en or nl [default: the settings, else $LANG, else en]",
            "De taal van de vragen en van wat bezin zegt: en of nl [standaard: de instellingen, anders $LANG, \
             anders en]",
        ),
        (
            "When to use colour; auto follows NO_COLOR, CLICOLOR_FORCE and whether output is a terminal",
            "Wanneer kleur gebruikt wordt; auto volgt NO_COLOR, CLICOLOR_FORCE en of de uitvoer een terminal is",
        ),
        // clap's own.
        ("Print help", "Toon de hulp"),
        ("Print help (see more with '--help')", "Toon de hulp (meer met '--help')"),
        ("Print help (see a summary with '-h')", "Toon de hulp (een samenvatting met '-h')"),
        ("Print version", "Toon de versie"),
        (
            "Print this message or the help of the given subcommand(s)",
            "Toon deze hulp, of die van de genoemde opdracht(en)",
        ),
        ("Print help for the subcommand(s)", "Toon de hulp van de opdracht(en)"),
        // sets
        (
            "List the prompt sets, show one, or check set files",
            "Toon de vragensets, laat er een zien of controleer setbestanden",
        ),
        (
            "Examples:\n  bezin sets\n  bezin sets show five-tips --lang nl\n  bezin sets validate my-set.toml",
            "Voorbeelden:\n  bezin sets\n  bezin sets show five-tips --lang nl\n  bezin sets validate mijn-set.toml",
        ),
        ("Show every prompt of a set in the chosen language", "Toon elke vraag van een set in de gekozen taal"),
        (
            "Examples:\n  bezin sets show five-tips\n  bezin sets show after-the-conversation --lang nl",
            "Voorbeelden:\n  bezin sets show five-tips\n  bezin sets show after-the-conversation --lang nl",
        ),
        ("The set's id, as `bezin sets` lists it", "De id van de set, zoals `bezin sets` hem toont"),
        (
            "Write a starter set, with every key explained, to your prompts folder",
            "Schrijf een set om mee te beginnen, met uitleg bij elke sleutel, in je map met vragensets",
        ),
        (
            "Examples:\n  bezin sets new before-the-meeting      (then edit the file it names)\n  \
             bezin run before-the-meeting",
            "Voorbeelden:\n  bezin sets new voor-het-overleg      (pas dan het bestand aan dat het noemt)\n  \
             bezin run voor-het-overleg",
        ),
        (
            "The new set's id: lowercase letters, digits, '-' and '_'",
            "De id van de nieuwe set: kleine letters, cijfers, '-' en '_'",
        ),
        (
            "Check prompt set files; exit 1 and name every problem if one is wrong",
            "Controleer setbestanden; noem elk probleem en sluit af met 1 als er een niet klopt",
        ),
        (
            "Examples:\n  bezin sets validate my-set.toml\n  bezin sets validate ~/.config/bezin/prompts/*.toml",
            "Voorbeelden:\n  bezin sets validate mijn-set.toml\n  bezin sets validate ~/.config/bezin/prompts/*.toml",
        ),
        ("The files to check", "De bestanden om te controleren"),
        // run
        ("Walk through a reflection and save it to the journal", "Doorloop een reflectie en bewaar die in het dagboek"),
        (
            "Examples:\n  bezin run five-tips\n  bezin run after-the-conversation --follows 3kq7m2x\n  \
             bezin run five-tips --answers answers.toml --tag work",
            "Voorbeelden:\n  bezin run five-tips\n  bezin run after-the-conversation --follows 3kq7m2x\n  \
             bezin run five-tips --answers antwoorden.toml --tag werk",
        ),
        ("The set to run; without it, bezin asks which one", "De set om te doorlopen; zonder set vraagt bezin welke"),
        ("The entry's title", "De titel van de reflectie"),
        ("A tag for the entry; may be given more than once", "Een label voor de reflectie; mag vaker gegeven worden"),
        (
            "The id (or a unique prefix) of the entry this reflection follows up on; twice or more for several \
             preparations of one conversation",
            "De id (of een uniek begin ervan) van de reflectie waarop deze volgt; twee keer of vaker voor meer \
             voorbereidingen van één gesprek",
        ),
        (
            "Take the answers from a TOML file (prompt id = answer), or - for stdin, instead of asking",
            "Neem de antwoorden uit een TOML-bestand (id van de vraag = antwoord), of - voor stdin, in plaats van \
             ze te vragen",
        ),
        (
            "Go on with the unfinished reflection of this set without asking",
            "Ga zonder te vragen verder met de onafgemaakte reflectie van deze set",
        ),
        (
            "Start afresh even if a reflection of this set is unfinished (its draft stays)",
            "Begin opnieuw, ook als een reflectie van deze set niet af is (haar concept blijft)",
        ),
        // list, and the filters of list, search, export and stats
        ("List the journal's entries, newest first", "Toon de reflecties in het dagboek, de nieuwste eerst"),
        (
            "Examples:\n  bezin list\n  bezin list --set five-tips --since 3m --limit 50\n  bezin list --tag work --json",
            "Voorbeelden:\n  bezin list\n  bezin list --set five-tips --since 3m --limit 50\n  bezin list --tag werk --json",
        ),
        ("Only entries of this set", "Alleen reflecties van deze set"),
        (
            "Only entries about this person (case and accents aside)",
            "Alleen reflecties over deze persoon (hoofdletters en accenten tellen niet)",
        ),
        (
            "Only entries with this tag; may be given more than once (all must match)",
            "Alleen reflecties met dit label; mag vaker gegeven worden (ze moeten er allemaal zijn)",
        ),
        (
            "Only entries from this day on: 2026-11-01, 7d, 2w, 3m, 1y, today, yesterday",
            "Alleen reflecties vanaf deze dag: 2026-11-01, 7d, 2w, 3m, 1y, today (vandaag), yesterday (gisteren)",
        ),
        (
            "Only entries up to and including this day (same forms as --since)",
            "Alleen reflecties tot en met deze dag (zoals bij --since)",
        ),
        ("How many entries at most; 0 for all", "Hoeveel reflecties ten hoogste; 0 voor allemaal"),
        ("Oldest first", "De oudste eerst"),
        ("The entries as a JSON array, for scripts", "De reflecties als JSON-array, voor scripts"),
        // show
        ("Show one entry with its questions and answers", "Toon één reflectie met haar vragen en antwoorden"),
        (
            "Examples:\n  bezin show last\n  bezin show 3kq7 --lang nl     in the words of another language\n  \
             bezin show 3kq7 --json",
            "Voorbeelden:\n  bezin show last\n  bezin show 3kq7 --lang en     in de woorden van een andere taal\n  \
             bezin show 3kq7 --json",
        ),
        (
            "The entry's id, a unique prefix of it, or `last`",
            "De id van de reflectie, een uniek begin ervan, of `last`",
        ),
        ("The entry as JSON, for scripts", "De reflectie als JSON, voor scripts"),
        // search
        (
            "Find entries whose title, tags or answers hold a text",
            "Zoek reflecties waarvan de titel, de labels of de antwoorden een tekst bevatten",
        ),
        (
            "Examples:\n  bezin search verlangen\n  bezin search \"one plus one\" --since 1y --json",
            "Voorbeelden:\n  bezin search verlangen\n  bezin search \"een plus een\" --since 1y --json",
        ),
        ("What to look for; case and accents do not matter", "Wat je zoekt; hoofdletters en accenten tellen niet"),
        ("The hits as a JSON array, for scripts", "De gevonden plekken als JSON-array, voor scripts"),
        // edit
        ("Change an entry's answers, title or tags", "Wijzig de antwoorden, de titel of de labels van een reflectie"),
        (
            "Examples:\n  bezin edit last\n  bezin edit 3kq7 --title \"Talk with Anna\" --tag work\n  \
             bezin edit 3kq7 --answers fixes.toml",
            "Voorbeelden:\n  bezin edit last\n  bezin edit 3kq7 --title \"Gesprek met Anna\" --tag werk\n  \
             bezin edit 3kq7 --answers verbeteringen.toml",
        ),
        ("A new title (\"\" removes it)", "Een nieuwe titel (\"\" haalt hem weg)"),
        (
            "The new tags, replacing the old; may be given more than once",
            "De nieuwe labels, in plaats van de oude; mag vaker gegeven worden",
        ),
        (
            "New answers from a TOML file (prompt id = answer), or - for stdin, instead of asking",
            "Nieuwe antwoorden uit een TOML-bestand (id van de vraag = antwoord), of - voor stdin, in plaats van \
             ze te vragen",
        ),
        // done
        (
            "Close a prepared conversation that will never be looked back on",
            "Sluit een voorbereid gesprek af waarop je nooit zult terugkijken",
        ),
        (
            "Examples:\n  bezin done 3kq7\n  bezin done 3kq7 --note \"Settled it by mail\"\n  \
             bezin                            (lists the conversations still open)",
            "Voorbeelden:\n  bezin done 3kq7\n  bezin done 3kq7 --note \"Per mail geregeld\"\n  \
             bezin                            (toont de gesprekken die nog open zijn)",
        ),
        (
            "The prepared conversation's id, or a unique prefix of it",
            "De id van het voorbereide gesprek, of een uniek begin ervan",
        ),
        ("A line on why it closes without a look-back", "Een regel over waarom het zonder terugblik afsluit"),
        // delete
        ("Delete an entry, after asking", "Verwijder een reflectie, na het eerst te vragen"),
        (
            "Examples:\n  bezin delete 3kq7\n  bezin delete 3kq7 --yes",
            "Voorbeelden:\n  bezin delete 3kq7\n  bezin delete 3kq7 --yes",
        ),
        ("Delete without asking", "Verwijder zonder te vragen"),
        // export
        (
            "Write entries as Markdown or JSON, to keep, share or publish",
            "Schrijf reflecties als Markdown of JSON, om te bewaren, te delen of te publiceren",
        ),
        (
            "Examples:\n  bezin export > reflections.md\n  bezin export --split -o notes/ --tag work\n  \
             bezin export --format json -o backup.json",
            "Voorbeelden:\n  bezin export > reflecties.md\n  bezin export --split -o notities/ --tag werk\n  \
             bezin export --format json -o reservekopie.json",
        ),
        ("What to write", "Wat er geschreven wordt"),
        (
            "The file to write (or the folder, with --split); standard output without it",
            "Het bestand om te schrijven (of de map, met --split); zonder deze optie de standaarduitvoer",
        ),
        (
            "One Markdown note per entry, with YAML front matter, a page per person and an index, in the folder \
             given with -o",
            "Eén Markdown-notitie per reflectie, met YAML-front matter, een pagina per persoon en een index, in de \
             map die -o noemt",
        ),
        ("How the notes of --split link to each other", "Hoe de notities van --split naar elkaar verwijzen"),
        (
            "`[[file name]]`, as Obsidian and Logseq link notes",
            "`[[bestandsnaam]]`, zoals Obsidian en Logseq notities koppelen",
        ),
        (
            "Relative Markdown links, for static site generators",
            "relatieve Markdown-links, voor generatoren van statische sites",
        ),
        (
            "With --split, replace the notes you changed since bezin wrote them; your version is kept beside, as \
             NAME.yours.md",
            "Vervang met --split ook de notities die je veranderde sinds bezin ze schreef; jouw versie blijft \
             ernaast bewaard, als NAAM.yours.md",
        ),
        // import
        (
            "Bring in entries from a bezin export or journal, or a jrnl JSON export",
            "Haal reflecties binnen uit een export of een dagboek van bezin, of uit een JSON-export van jrnl",
        ),
        (
            "Examples:\n  bezin import backup.json\n  bezin import ~/old-laptop/journal.jsonl\n  \
             jrnl --export json > jrnl.json && bezin import jrnl.json",
            "Voorbeelden:\n  bezin import reservekopie.json\n  bezin import ~/oude-laptop/journal.jsonl\n  \
             jrnl --export json > jrnl.json && bezin import jrnl.json",
        ),
        (
            "A file from `bezin export --format json` or `jrnl --export json`, or a bezin journal (a file or folder)",
            "Een bestand van `bezin export --format json` of `jrnl --export json`, of een dagboek van bezin (een \
             bestand of een map)",
        ),
        // drafts
        ("List unfinished reflections, or discard one", "Toon de onafgemaakte reflecties, of gooi er een weg"),
        (
            "Examples:\n  bezin drafts\n  bezin drafts discard 7hq2",
            "Voorbeelden:\n  bezin drafts\n  bezin drafts discard 7hq2",
        ),
        ("Remove a draft, after asking", "Gooi een concept weg, na het eerst te vragen"),
        (
            "Examples:\n  bezin drafts discard 7hq2\n  bezin drafts discard 7hq2 --yes",
            "Voorbeelden:\n  bezin drafts discard 7hq2\n  bezin drafts discard 7hq2 --yes",
        ),
        ("The draft's id, or a unique prefix of it", "De id van het concept, of een uniek begin ervan"),
        ("Discard without asking", "Gooi weg zonder te vragen"),
        // check
        (
            "Check the journal's health: damaged lines, drafts, permissions; exit 1 if something is wrong",
            "Controleer of het dagboek gezond is: beschadigde regels, concepten, rechten; sluit af met 1 als er iets \
             mis is",
        ),
        ("Example:\n  bezin check", "Voorbeeld:\n  bezin check"),
        // encrypt and decrypt
        (
            "Encrypt the journal and its drafts with age, or give an encrypted journal new keys",
            "Versleutel het dagboek en de concepten met age, of geef een versleuteld dagboek nieuwe sleutels",
        ),
        (
            "Examples:\n  bezin encrypt                          a new key, in identity.txt\n  \
             bezin encrypt --recipient age1ql3z…    to a key you have\n  \
             bezin encrypt -R ~/.ssh/id_ed25519.pub\n  \
             bezin encrypt -r age1… -r age1…        new keys: add a device, leave out a lost one",
            "Voorbeelden:\n  bezin encrypt                          een nieuwe sleutel, in identity.txt\n  \
             bezin encrypt --recipient age1ql3z…    voor een sleutel die je al hebt\n  \
             bezin encrypt -R ~/.ssh/id_ed25519.pub\n  \
             bezin encrypt -r age1… -r age1…        nieuwe sleutels: een apparaat erbij, een verloren sleutel eruit",
        ),
        (
            "A public key to encrypt to: age1…, ssh-ed25519 …, ssh-rsa …, or an age plugin's; may be given more \
             than once",
            "Een publieke sleutel om voor te versleutelen: age1…, ssh-ed25519 …, ssh-rsa … of die van een \
             age-plugin; mag vaker gegeven worden",
        ),
        (
            "A file of public keys, one a line (as age -R reads them); may be given more than once",
            "Een bestand met publieke sleutels, één per regel (zoals age -R ze leest); mag vaker gegeven worden",
        ),
        (
            "Turn the encrypted journal and its drafts back into plain files, after asking",
            "Maak van het versleutelde dagboek en de concepten weer gewone bestanden, na het eerst te vragen",
        ),
        ("Examples:\n  bezin decrypt\n  bezin decrypt --yes", "Voorbeelden:\n  bezin decrypt\n  bezin decrypt --yes"),
        ("Decrypt without asking", "Ontsleutel zonder te vragen"),
        // people and about
        (
            "Everyone you reflected on: how often, first and last, and conversations still to look back on",
            "Iedereen over wie je reflecteerde: hoe vaak, de eerste en de laatste keer, en gesprekken om nog op \
             terug te kijken",
        ),
        ("Examples:\n  bezin people\n  bezin people --json", "Voorbeelden:\n  bezin people\n  bezin people --json"),
        ("The people as JSON, for scripts", "De mensen als JSON, voor scripts"),
        (
            "Every reflection about one person, oldest first, with what was worth recalling",
            "Elke reflectie over één persoon, de oudste eerst, met wat het onthouden waard was",
        ),
        (
            "Examples:\n  bezin about anna\n  bezin about \"Eva van Dijk\" --since 1y\n  bezin about eva --json",
            "Voorbeelden:\n  bezin about anna\n  bezin about \"Eva van Dijk\" --since 1y\n  bezin about eva --json",
        ),
        (
            "The person's name, or the start of it when no one else's starts the same (case and accents aside)",
            "De naam van de persoon, of het begin ervan als geen andere naam zo begint (hoofdletters en accenten \
             tellen niet)",
        ),
        (
            "Only reflections from this day on: 2026-11-01, 7d, 2w, 3m, 1y, today, yesterday",
            "Alleen reflecties vanaf deze dag: 2026-11-01, 7d, 2w, 3m, 1y, today (vandaag), yesterday (gisteren)",
        ),
        (
            "Only reflections up to and including this day (same forms as --since)",
            "Alleen reflecties tot en met deze dag (zoals bij --since)",
        ),
        ("The timeline as JSON, for scripts", "De tijdlijn als JSON, voor scripts"),
        // stats
        (
            "Entries per set and month, streaks of days, and how your scale answers moved",
            "Reflecties per set en per maand, reeksen van dagen, en hoe je antwoorden op schalen bewogen",
        ),
        (
            "Examples:\n  bezin stats\n  bezin stats --since 1y --set five-tips\n  bezin stats --json",
            "Voorbeelden:\n  bezin stats\n  bezin stats --since 1y --set five-tips\n  bezin stats --json",
        ),
        ("The numbers as JSON, for scripts", "De getallen als JSON, voor scripts"),
        // config
        (
            "Show the settings and where each comes from; find or start the settings file",
            "Toon de instellingen en waar elk vandaan komt; vind of begin het instellingenbestand",
        ),
        (
            "Examples:\n  bezin config\n  bezin config path\n  bezin config init",
            "Voorbeelden:\n  bezin config\n  bezin config path\n  bezin config init",
        ),
        ("Print where the settings file is (or would be)", "Toon waar het instellingenbestand staat (of zou staan)"),
        ("Example:\n  $EDITOR \"$(bezin config path)\"", "Voorbeeld:\n  $EDITOR \"$(bezin config path)\""),
        (
            "Write a settings file with every key explained, unless there is one",
            "Schrijf een instellingenbestand met uitleg bij elke sleutel, tenzij er al een is",
        ),
        (
            "Example:\n  bezin config init && $EDITOR \"$(bezin config path)\"",
            "Voorbeeld:\n  bezin config init && $EDITOR \"$(bezin config path)\"",
        ),
        // completions and man
        ("Print a completion script for a shell", "Schrijf een script waarmee een shell bezin aanvult"),
        (
            "Examples:\n  source <(bezin completions bash)          (in ~/.bashrc)\n  \
             bezin completions fish > ~/.config/fish/completions/bezin.fish",
            "Voorbeelden:\n  source <(bezin completions bash)          (in ~/.bashrc)\n  \
             bezin completions fish > ~/.config/fish/completions/bezin.fish",
        ),
        ("The shell to complete in", "De shell die aanvult"),
        ("Print the manual page", "Schrijf de handleiding, als man-pagina"),
        (
            "Example:\n  bezin man > ~/.local/share/man/man1/bezin.1 && man bezin",
            "Voorbeeld:\n  bezin man > ~/.local/share/man/man1/bezin.1 && man bezin",
        ),
    ],
    mistakes: MistakeWords {
        error: "fout:",
        unknown_command: |command| format!("onbekende opdracht '{command}'"),
        unknown_argument: |argument| format!("onverwacht argument '{argument}'"),
        invalid_value: |value, option| format!("ongeldige waarde '{value}' voor '{option}'"),
        no_value: |option| format!("'{option}' heeft een waarde nodig, maar kreeg er geen"),
        missing: "deze argumenten ontbreken:",
        needs_command: |command| format!("'{command}' heeft een opdracht nodig, maar kreeg er geen"),
        only_once: |option| format!("'{option}' mag maar één keer gegeven worden"),
        not_with: |option| format!("'{option}' gaat niet samen met"),
        too_many: |value, option| {
            format!("onverwachte waarde '{value}' voor '{option}'; er werden er niet meer verwacht")
        },
        possible: "mogelijk",
        similar_command: "een opdracht die erop lijkt",
        similar_argument: "een argument dat erop lijkt",
        similar_value: "een waarde die erop lijkt",
        more: |help| format!("Meer hierover: probeer '{help}'."),
    },
};
