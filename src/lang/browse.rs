//! What `bezin browse` says on its screen, in each language: the counts,
//! the help line and every key, the fields typed into, and the notes; and
//! its `--help` beside the English of cli.rs.

/// The words of the browse screen.
pub struct BrowseWords {
    pub needs_terminal: &'static str,
    /// When TERM says the terminal cannot draw a screen.
    pub dumb_terminal: &'static str,
    /// How many entries the list shows, of how many.
    pub entries: fn(usize) -> String,
    pub some_of: fn(usize, usize) -> String,
    pub none_match: &'static str,
    /// Beside the count while the journal is read, and while a search runs.
    pub reading: &'static str,
    pub searching: &'static str,
    /// Beside the count: how many entries are marked.
    pub marked: fn(usize) -> String,
    /// Beside the count: how many damaged lines were left out, and the
    /// command that names them; how many lines a newer bezin wrote.
    pub damaged: fn(usize, &str) -> String,
    pub newer: fn(usize) -> String,
    /// The main keys, on the bottom line.
    pub help_line: &'static str,
    /// Every key and what it does, under a heading.
    pub keys_heading: &'static str,
    pub keys: &'static [(&'static str, &'static str)],
    pub any_key: &'static str,
    /// The fields typed into: a search and the filters.
    pub search: &'static str,
    pub person: &'static str,
    pub set: &'static str,
    pub tag: &'static str,
    pub dates: &'static str,
    pub not_a_date: fn(&str) -> String,
    pub about_no_one: &'static str,
    pub no_link: &'static str,
    pub nothing_back: &'static str,
    pub filters_off: &'static str,
    /// After the entry was changed or deleted on the terminal given back.
    pub changed: &'static str,
    pub unchanged: &'static str,
    pub deleted: &'static str,
    /// After the look-back was saved, or a key asked for one where none follows.
    pub looked_back: &'static str,
    pub no_look_back: &'static str,
    /// The export's questions: the file to write, and whether to replace it.
    pub export_to: &'static str,
    pub no_path: &'static str,
    pub replace: fn(&str) -> String,
}

pub static EN: BrowseWords = BrowseWords {
    needs_terminal: "browse needs a terminal to draw on; in a pipe or a script use list, show or search",
    dumb_terminal: "browse draws a full screen, which this terminal cannot show (TERM is dumb or not set); use bezin \
                    list to see the entries and bezin show ID to read one",
    entries: |count| if count == 1 { "1 entry".to_owned() } else { format!("{count} entries") },
    some_of: |shown, all| format!("{shown} of {all} entries"),
    none_match: "no entry matches",
    reading: "reading…",
    searching: "searching…",
    marked: |count| format!("{count} marked"),
    damaged: |count, check| {
        if count == 1 {
            format!("1 damaged line left out: {check} names it")
        } else {
            format!("{count} damaged lines left out: {check} names them")
        }
    },
    newer: |count| {
        if count == 1 {
            "1 entry of a newer bezin left out".to_owned()
        } else {
            format!("{count} entries of a newer bezin left out")
        }
    },
    help_line: "↑↓ move · Enter read · / search · ? keys · q leave · w s t d filter · p person · f link · space mark · o \
                export",
    keys_heading: "Keys",
    keys: &[
        ("↑ ↓  j k", "move, or scroll the entry"),
        ("PgUp PgDn Home End", "a page up or down, the first, the last"),
        ("Enter Tab → ←", "read the entry, back to the list"),
        ("mouse", "a click chooses, the wheel moves or scrolls"),
        ("/", "search titles, tags, answers as typed"),
        ("w  s  t", "only the entries about a person, of a set, with a tag"),
        ("d", "only the entries of some days: from..to"),
        ("c", "every entry again: no search, no filter"),
        ("p", "the timeline of the entry's person"),
        ("f  b", "follow the entry's link, and go back"),
        ("space  u  o", "mark or unmark, unmark all, export the marked or this"),
        ("e  x  l", "change as edit does, delete after asking, look back"),
        ("q Esc  Ctrl-C", "leave"),
    ],
    any_key: "any key closes this",
    search: "search",
    person: "person",
    set: "set",
    tag: "tag",
    dates: "days",
    not_a_date: |text| format!("'{text}' is no day; write 2026-11-01, 7d, 2w, 3m, 1y, today or yesterday, from..to"),
    about_no_one: "this entry names no person",
    no_link: "this entry follows none and none follows it",
    nothing_back: "there is no entry to go back to",
    filters_off: "every entry again",
    changed: "the entry is changed",
    unchanged: "nothing changed",
    deleted: "the entry is deleted",
    looked_back: "the look-back is saved",
    no_look_back: "this entry's set has no look-back",
    export_to: "export to",
    no_path: "give the file to export to (.md or .json)",
    replace: |path| format!("{path} is there already; replace it?"),
};

pub static NL: BrowseWords = BrowseWords {
    needs_terminal: "browse heeft een terminal nodig om op te tekenen; gebruik in een pijp of een script list, show \
                     of search",
    dumb_terminal: "browse tekent een volledig scherm, en dat kan deze terminal niet tonen (TERM is dumb of niet \
                    gezet); gebruik bezin list om de reflecties te zien en bezin show ID om er een te lezen",
    entries: |count| if count == 1 { "1 reflectie".to_owned() } else { format!("{count} reflecties") },
    some_of: |shown, all| format!("{shown} van {all} reflecties"),
    none_match: "geen reflectie past",
    reading: "lezen…",
    searching: "zoeken…",
    marked: |count| format!("{count} gemarkeerd"),
    damaged: |count, check| {
        if count == 1 {
            format!("1 beschadigde regel weggelaten: {check} noemt hem")
        } else {
            format!("{count} beschadigde regels weggelaten: {check} noemt ze")
        }
    },
    newer: |count| {
        if count == 1 {
            "1 reflectie van een nieuwere bezin weggelaten".to_owned()
        } else {
            format!("{count} reflecties van een nieuwere bezin weggelaten")
        }
    },
    help_line: "↑↓ ga · Enter lees · / zoek · ? toetsen · q weg · w s t d schift · p persoon · f koppeling · spatie \
                markeer · o exporteer",
    keys_heading: "Toetsen",
    keys: &[
        ("↑ ↓  j k", "gaan, of door de reflectie schuiven"),
        ("PgUp PgDn Home End", "pagina omhoog, omlaag, eerste, laatste"),
        ("Enter Tab → ←", "de reflectie lezen, terug naar de lijst"),
        ("muis", "een klik kiest, het wiel gaat of schuift"),
        ("/", "zoeken in titels, labels, antwoorden"),
        ("w  s  t", "alleen de reflecties over een persoon, van een set, met een label"),
        ("d", "alleen die van enkele dagen: van..tot"),
        ("c", "weer alles: niet zoeken, niet schiften"),
        ("p", "de tijdlijn van de genoemde persoon"),
        ("f  b", "een koppeling volgen, en terug"),
        ("spatie  u  o", "markeren of niet, alles ontmarkeren, exporteren"),
        ("e  x  l", "wijzigen zoals edit, verwijderen na vragen, terugblikken"),
        ("q Esc  Ctrl-C", "weggaan"),
    ],
    any_key: "elke toets sluit dit",
    search: "zoek",
    person: "persoon",
    set: "set",
    tag: "label",
    dates: "dagen",
    not_a_date: |text| {
        format!("'{text}' is geen dag; schrijf 2026-11-01, 7d, 2w, 3m, 1y, vandaag of gisteren, van..tot")
    },
    about_no_one: "deze reflectie noemt geen persoon",
    no_link: "deze reflectie volgt geen andere en geen andere volgt haar",
    nothing_back: "er is geen reflectie om naar terug te gaan",
    filters_off: "weer alle reflecties",
    changed: "de reflectie is gewijzigd",
    unchanged: "er is niets gewijzigd",
    deleted: "de reflectie is verwijderd",
    looked_back: "de terugblik is bewaard",
    no_look_back: "bij de set van deze reflectie hoort geen terugblik",
    export_to: "exporteer naar",
    no_path: "geef het bestand om naar te exporteren (.md of .json)",
    replace: |path| format!("{path} bestaat al; vervangen?"),
};

/// `bezin browse --help` in Dutch, beside the English of cli.rs.
pub static HELP_NL: &[(&str, &str)] = &[
    (
        "Look through the journal in one screen: the entries, and the one chosen as show gives it",
        "Kijk in één scherm door het dagboek: de reflecties, en de gekozen reflectie zoals show haar geeft",
    ),
    (
        "Example:\n  bezin browse --lang nl\n\nKeys: ↑ ↓ j k move, Enter reads the entry, / searches as you type, w s t d filter by person, set, tag and \
         days, p shows the person's timeline, f follows a link, e changes the entry, x deletes it after asking, space \
         marks an entry and o exports the marked ones, ? shows every key, q leaves",
        "Voorbeeld:\n  bezin browse --lang nl\n\nToetsen: ↑ ↓ j k gaan, Enter leest de reflectie, / zoekt terwijl je typt, w s t d schiften op persoon, set, \
         label en dagen, p toont de tijdlijn van de persoon, f volgt een koppeling, e wijzigt de reflectie, x verwijdert \
         haar na het vragen, spatie markeert een reflectie en o exporteert de gemarkeerde, ? toont alle toetsen, q gaat \
         weg",
    ),
];
