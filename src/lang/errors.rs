//! What bezin says when something is wrong below the commands, in each
//! language: an id that finds nothing, a settings or answers file it cannot
//! take, a damaged line of the journal. Ids, keys, file names and commands
//! stay as they are.

/// The sentences about finding an entry or a draft by the start of its id.
pub struct IdWords {
    /// "bezin list shows them", from the command that lists them.
    pub hint: fn(&str) -> String,
    /// An empty id, with the hint.
    pub empty: fn(&str) -> String,
    /// The query is no id at all, with the hint.
    pub not_an_id: fn(&str, &str) -> String,
    /// No id starts with the query, with the hint.
    pub unknown: fn(&str, &str) -> String,
    /// Several ids start with it: the query and the candidates.
    pub ambiguous: fn(&str, &str) -> String,
}

/// The words of everything that goes wrong below the commands.
pub struct ErrorWords {
    pub entry_ids: IdWords,
    pub draft_ids: IdWords,
    /// "bezin: warning: " before a warning.
    pub warning: &'static str,
    pub no_prompt_folder: fn(&str) -> String,
    pub unknown_language: fn(&str, &str) -> String,
    pub newer_entries: fn(&str) -> String,
    pub damaged_entry: fn(&str, &str, &str) -> String,
    pub damaged_line: fn(&str, usize, &str, &str) -> String,
    pub unreadable_settings: fn(&str) -> String,
    /// The parts of a TOML mistake bezin words itself.
    pub missing_field: fn(&str) -> String,
    pub whole_number_expected: fn(&str) -> String,
    pub expected_found: fn(&str, &str) -> String,
    pub unknown_key: fn(&str, &str) -> String,
    pub unknown_value: fn(&str, &str) -> String,
    /// Any other mistake, as the TOML reader words it.
    pub not_toml: fn(&str) -> String,
    pub duplicate_key: fn(&str) -> String,
    /// The kinds of value serde names in what it expected and found
    /// ("integer `5`", "a sequence"), in this language.
    pub kinds: &'static [(&'static str, &'static str)],
    /// The messages of `serde_json` about the JSON itself, as bezin says them.
    pub json_mistakes: &'static [(&'static str, &'static str)],
    /// A JSON mistake and where it is: the line and column, or the column
    /// alone in a text of one line.
    pub json_at: fn(&str, usize, usize) -> String,
    pub json_at_column: fn(&str, usize) -> String,
    /// What an import's reader of large JSON files finds wrong.
    pub json_after_value: &'static str,
    pub json_after_element: &'static str,
    pub json_after_end: &'static str,
    pub json_missing_value: &'static str,
    pub json_ends_in_value: &'static str,
    pub json_ends_in_string: &'static str,
    pub json_expected: fn(char) -> String,
    pub unreadable_answers_file: fn(&str) -> String,
    pub unreadable_answers_stdin: &'static str,
    pub answer_to: fn(&str, &str, &str) -> String,
    pub no_such_prompt: fn(&str, &str, &str, &str) -> String,
    /// An answer to a prompt that was not asked: the file, the id, when it is
    /// asked, and whether that depends on an answer (or on a look-back).
    pub not_asked: fn(&str, &str, &str, bool) -> String,
    pub asked_as: fn(&str, &str, &str) -> String,
    pub required_unanswered: fn(&str, &str) -> String,
    pub multi_takes: fn(&str) -> String,
    pub kind_takes: fn(&str, &str, &str) -> String,
    /// An answer that does not fit its prompt.
    pub answer_of: fn(&str, &str) -> String,
    pub needs_answer: &'static str,
    pub one_line: &'static str,
    pub outside_scale: fn(i64, i64, i64) -> String,
    pub choose_one: &'static str,
    pub not_an_option: fn(&str, &str) -> String,
    pub kind_takes_only: fn(&str, &str) -> String,
    /// What each kind of prompt takes in an answers file.
    pub takes_text: &'static str,
    pub takes_scale: fn(i64, i64) -> String,
    pub takes_choice: &'static str,
    pub takes_multi: &'static str,
    pub takes_confirm: &'static str,
    /// A TOML value's type, as the TOML reader names it: "string", "integer".
    pub toml_type: fn(&str) -> &str,
    pub unknown_set: fn(&str, &str) -> String,
    pub unknown_set_near: fn(&str, &str, &str) -> String,
    pub not_prepared: fn(&str, &str) -> String,
    pub looked_back_already: fn(&str, &str) -> String,
    pub gone: fn(&str) -> String,
    /// The system's reason a file could not be used, where bezin words it.
    pub io: fn(std::io::ErrorKind) -> Option<&'static str>,
}

pub static EN: ErrorWords = ErrorWords {
    entry_ids: IdWords {
        hint: |command| format!("{command} shows them"),
        empty: |hint| format!("an empty id matches every entry; give a few characters of one ({hint})"),
        not_an_id: |query, hint| format!("'{query}' is not an entry id; ids are letters, digits, '-' and '_' ({hint})"),
        unknown: |query, hint| format!("no entry has the id '{query}' ({hint})"),
        ambiguous: |query, candidates| format!("the entry id '{query}' is ambiguous; it could be {candidates}"),
    },
    draft_ids: IdWords {
        hint: |command| format!("{command} lists them"),
        empty: |hint| format!("an empty id matches every draft; give a few characters of one ({hint})"),
        not_an_id: |query, hint| format!("'{query}' is not a draft id; ids are letters, digits, '-' and '_' ({hint})"),
        unknown: |query, hint| format!("no draft has the id '{query}' ({hint})"),
        ambiguous: |query, candidates| format!("the draft id '{query}' is ambiguous; it could be {candidates}"),
    },
    warning: "bezin: warning: ",
    unknown_language: |code, known| format!("unknown language '{code}'; bezin speaks {known}"),
    no_prompt_folder: |path| format!("the prompt folder {path} does not exist"),
    newer_entries: |path| format!("{path} holds entries written by a newer bezin; they are left out here"),
    damaged_entry: |path, reason, check| format!("{path}: skipped a damaged entry ({reason}); {check} tells more"),
    damaged_line: |path, line, reason, check| {
        format!("{path}:{line}: skipped a damaged line ({reason}); {check} tells more")
    },
    unreadable_settings: |path| format!("could not read the settings {path}"),
    missing_field: |field| format!("missing field {field} here"),
    whole_number_expected: |found| format!("expected a whole number, found {found}"),
    expected_found: |expected, found| format!("expected {expected}, found {found}"),
    unknown_key: |key, expected| format!("unknown field {key}, expected {expected}"),
    unknown_value: |value, expected| format!("unknown variant {value}, expected {expected}"),
    not_toml: str::to_owned,
    duplicate_key: |key| format!("the key {key} is there twice"),
    kinds: &[("struct", "an object")],
    json_mistakes: &[
        ("EOF while parsing a list", "the text ends inside a list"),
        ("EOF while parsing an object", "the text ends inside an object"),
        ("EOF while parsing a string", "the text ends inside a string"),
        ("EOF while parsing a value", "the text ends where a value should be"),
        ("expected `:`", "expected ':' after a key"),
        ("expected `,` or `]`", "expected ',' or ']' in a list"),
        ("expected `,` or `}`", "expected ',' or '}' in an object"),
        ("expected ident", "expected a value, found a word JSON does not know"),
        ("expected value", "expected a value"),
        ("expected `\"`", "expected a key in quotes"),
        ("invalid escape", "a backslash escape JSON does not know"),
        ("invalid number", "a number JSON cannot read"),
        ("number out of range", "a number too large to read"),
        ("invalid unicode code point", "a \\u escape that is no character"),
        ("control character (\\u0000-\\u001F) found while parsing a string", "a control character inside a string"),
        ("key must be a string", "a key that is not in quotes"),
        ("lone leading surrogate in hex escape", "a \\u escape that is half a character"),
        ("trailing comma", "a comma before the end"),
        ("trailing characters", "more text after the value"),
        ("unexpected end of hex escape", "a \\u escape cut short"),
        ("recursion limit exceeded", "nested too deeply"),
    ],
    json_at: |mistake, line, column| format!("{mistake} at line {line}, column {column}"),
    json_at_column: |mistake, column| format!("{mistake} at column {column}"),
    json_after_value: "expected ',' or '}' after the value of a key",
    json_after_element: "expected ',' or ']' after an element of the array",
    json_after_end: "more text after the end of the JSON, where the file should end",
    json_missing_value: "a value is missing in the array or object",
    json_ends_in_value: "the file ends inside a value",
    json_ends_in_string: "the file ends inside a string",
    json_expected: |expected| format!("expected '{expected}'"),
    unreadable_answers_file: |path| format!("could not read the answers file {path}"),
    unreadable_answers_stdin: "could not read the answers from standard input",
    answer_to: |origin, id, message| format!("{origin}: answer to '{id}': {message}"),
    no_such_prompt: |origin, set, id, ids| {
        format!("{origin}: the set '{set}' has no prompt '{id}'; its prompts are {ids}")
    },
    not_asked: |origin, id, when, on_answer| {
        let change = if on_answer { "change that answer" } else { "give the id of that reflection with --follows" };
        format!("{origin}: '{id}' has an answer, but it is only asked when {when}; remove it or {change}")
    },
    asked_as: |origin, id, earlier| {
        format!("{origin}: '{id}' has an answer, but this look-back asks it once, as '{earlier}'; remove it")
    },
    required_unanswered: |origin, id| format!("{origin}: no answer for the required prompt '{id}'"),
    multi_takes: |takes| format!("a multi prompt takes {takes}"),
    kind_takes: |kind, takes, found| format!("a {kind} prompt takes {takes}, not {found}"),
    answer_of: |id, problem| format!("answer to '{id}': {problem}"),
    needs_answer: "this prompt needs an answer",
    one_line: "a text prompt takes one line; a long prompt is the one for several lines",
    outside_scale: |n, min, max| format!("{n} is outside the scale {min} to {max}"),
    choose_one: "choose at least one option",
    not_an_option: |bad, options| format!("'{bad}' is not an option; the options are {options}"),
    kind_takes_only: |kind, takes| format!("a {kind} prompt takes {takes}"),
    takes_text: "a string",
    takes_scale: |min, max| format!("a whole number from {min} to {max}"),
    takes_choice: "one option id as a string",
    takes_multi: "a list of option ids",
    takes_confirm: "true or false",
    toml_type: |name| name,
    unknown_set: |id, sets| format!("unknown prompt set '{id}' ({sets} lists them)"),
    unknown_set_near: |id, near, sets| format!("unknown prompt set '{id}'; did you mean '{near}'? ({sets} lists them)"),
    not_prepared: |id, set| format!("{id} is not a prepared conversation: its set '{set}' has no look-back to close"),
    looked_back_already: |id, later| format!("{id} was looked back on already, by {later}; there is nothing to close"),
    gone: |id| format!("the entry {id} is no longer in the journal"),
    io: |_| None,
};

pub static NL: ErrorWords = ErrorWords {
    entry_ids: IdWords {
        hint: |command| format!("{command} toont ze"),
        empty: |hint| format!("een lege id past bij elke reflectie; geef er de eerste tekens van één ({hint})"),
        not_an_id: |query, hint| {
            format!("'{query}' is geen id van een reflectie; een id bestaat uit letters, cijfers, '-' en '_' ({hint})")
        },
        unknown: |query, hint| format!("geen reflectie heeft de id '{query}' ({hint})"),
        ambiguous: |query, candidates| {
            format!("'{query}' past bij meer dan één reflectie: {candidates}; geef meer tekens van de id")
        },
    },
    draft_ids: IdWords {
        hint: |command| format!("{command} toont ze"),
        empty: |hint| format!("een lege id past bij elk concept; geef er de eerste tekens van één ({hint})"),
        not_an_id: |query, hint| {
            format!("'{query}' is geen id van een concept; een id bestaat uit letters, cijfers, '-' en '_' ({hint})")
        },
        unknown: |query, hint| format!("geen concept heeft de id '{query}' ({hint})"),
        ambiguous: |query, candidates| {
            format!("'{query}' past bij meer dan één concept: {candidates}; geef meer tekens van de id")
        },
    },
    warning: "bezin: waarschuwing: ",
    unknown_language: |code, known| format!("onbekende taal '{code}'; bezin spreekt {known}"),
    no_prompt_folder: |path| format!("de map met vragen {path} bestaat niet"),
    newer_entries: |path| format!("{path} bevat reflecties van een nieuwere bezin; die blijven hier weg"),
    damaged_entry: |path, reason, check| {
        format!("{path}: een beschadigde reflectie overgeslagen ({reason}); {check} vertelt meer")
    },
    damaged_line: |path, line, reason, check| {
        format!("{path}:{line}: een beschadigde regel overgeslagen ({reason}); {check} vertelt meer")
    },
    unreadable_settings: |path| format!("de instellingen {path} zijn niet te lezen"),
    missing_field: |field| format!("hier ontbreekt de sleutel {field}"),
    whole_number_expected: |found| format!("verwacht een geheel getal, gevonden: {found}"),
    expected_found: |expected, found| format!("verwacht: {expected}; gevonden: {found}"),
    unknown_key: |key, expected| {
        let known = expected.strip_prefix("one of ").unwrap_or(expected).replace(" or ", " of ");
        format!("onbekende sleutel {key}; bekend zijn {known}")
    },
    unknown_value: |value, expected| {
        format!("onbekende waarde {value}; mogelijk zijn {}", expected.replace(" or ", " of "))
    },
    not_toml: |message| format!("hier klopt iets niet: {message}"),
    duplicate_key: |key| format!("de sleutel {key} staat er twee keer"),
    kinds: &[
        ("integer", "het getal"),
        ("floating point", "het getal"),
        ("string", "de tekst"),
        ("boolean", "de waarde"),
        ("sequence", "een lijst"),
        ("map", "een object"),
        ("unit value", "niets"),
        ("a string", "een tekst"),
        ("a borrowed string", "een tekst"),
        ("a sequence", "een lijst"),
        ("a map", "een object"),
        ("a boolean", "true of false"),
        ("a number", "een getal"),
        ("an integer", "een geheel getal"),
        ("struct", "een object"),
    ],
    json_mistakes: &[
        ("EOF while parsing a list", "de tekst houdt op midden in een lijst"),
        ("EOF while parsing an object", "de tekst houdt op midden in een object"),
        ("EOF while parsing a string", "de tekst houdt op midden in een tekst tussen aanhalingstekens"),
        ("EOF while parsing a value", "de tekst houdt op waar een waarde hoort"),
        ("expected `:`", "verwacht ':' na een sleutel"),
        ("expected `,` or `]`", "verwacht ',' of ']' in een lijst"),
        ("expected `,` or `}`", "verwacht ',' of '}' in een object"),
        ("expected ident", "verwacht een waarde, gevonden: een woord dat JSON niet kent"),
        ("expected value", "verwacht een waarde"),
        ("expected `\"`", "verwacht een sleutel tussen aanhalingstekens"),
        ("invalid escape", "een escape met een backslash die JSON niet kent"),
        ("invalid number", "een getal dat JSON niet kan lezen"),
        ("number out of range", "een getal dat te groot is om te lezen"),
        ("invalid unicode code point", "een \\u-escape die geen teken is"),
        ("control character (\\u0000-\\u001F) found while parsing a string", "een stuurteken in een tekst"),
        ("key must be a string", "een sleutel die niet tussen aanhalingstekens staat"),
        ("lone leading surrogate in hex escape", "een \\u-escape die maar een half teken is"),
        ("trailing comma", "een komma vlak voor het einde"),
        ("trailing characters", "nog meer tekst na de waarde"),
        ("unexpected end of hex escape", "een afgebroken \\u-escape"),
        ("recursion limit exceeded", "te diep genest"),
    ],
    json_at: |mistake, line, column| format!("{mistake} op regel {line}, kolom {column}"),
    json_at_column: |mistake, column| format!("{mistake} in kolom {column}"),
    json_after_value: "verwacht ',' of '}' na de waarde van een sleutel",
    json_after_element: "verwacht ',' of ']' na een element van de lijst",
    json_after_end: "meer tekst na het einde van de JSON, waar het bestand zou moeten eindigen",
    json_missing_value: "er ontbreekt een waarde in de lijst of het object",
    json_ends_in_value: "het bestand houdt op midden in een waarde",
    json_ends_in_string: "het bestand houdt op midden in een tekst tussen aanhalingstekens",
    json_expected: |expected| format!("verwacht '{expected}'"),
    unreadable_answers_file: |path| format!("het antwoordenbestand {path} is niet te lezen"),
    unreadable_answers_stdin: "de antwoorden op standaardinvoer zijn niet te lezen",
    answer_to: |origin, id, message| format!("{origin}: antwoord op '{id}': {message}"),
    no_such_prompt: |origin, set, id, ids| {
        format!("{origin}: de set '{set}' heeft geen vraag '{id}'; de vragen zijn {ids}")
    },
    not_asked: |origin, id, when, on_answer| {
        let change = if on_answer { "verander dat antwoord" } else { "geef de id van die reflectie met --follows" };
        format!("{origin}: '{id}' heeft een antwoord, maar die vraag komt alleen als {when}; haal het weg of {change}")
    },
    asked_as: |origin, id, earlier| {
        format!(
            "{origin}: '{id}' heeft een antwoord, maar deze terugblik vraagt het één keer, als '{earlier}'; haal het weg"
        )
    },
    required_unanswered: |origin, id| format!("{origin}: geen antwoord op de verplichte vraag '{id}'"),
    multi_takes: |takes| format!("een meerkeuzevraag neemt {takes}"),
    kind_takes: |kind, takes, found| format!("een vraag van de soort '{kind}' neemt {takes}, geen {found}"),
    answer_of: |id, problem| format!("antwoord op '{id}': {problem}"),
    needs_answer: "deze vraag heeft een antwoord nodig",
    one_line: "een vraag van de soort 'text' neemt één regel; voor meer regels is er de soort 'long'",
    outside_scale: |n, min, max| format!("{n} valt buiten de schaal van {min} tot {max}"),
    choose_one: "kies minstens één optie",
    not_an_option: |bad, options| format!("'{bad}' is geen optie; de opties zijn {options}"),
    kind_takes_only: |kind, takes| format!("een vraag van de soort '{kind}' neemt {takes}"),
    takes_text: "een tekst tussen aanhalingstekens",
    takes_scale: |min, max| format!("een geheel getal van {min} tot {max}"),
    takes_choice: "de id van één optie, tussen aanhalingstekens",
    takes_multi: "een lijst van ids van opties",
    takes_confirm: "true of false",
    toml_type: |name| match name {
        "string" => "tekst",
        "integer" => "geheel getal",
        "float" => "kommagetal",
        "boolean" => "true of false",
        "datetime" => "datum",
        "array" => "lijst",
        "table" => "tabel",
        other => other,
    },
    unknown_set: |id, sets| format!("er is geen set '{id}' ({sets} toont ze)"),
    unknown_set_near: |id, near, sets| format!("er is geen set '{id}'; bedoel je '{near}'? ({sets} toont ze)"),
    not_prepared: |id, set| {
        format!("{id} is geen voorbereid gesprek: de set '{set}' heeft geen terugblik om af te sluiten")
    },
    looked_back_already: |id, later| format!("op {id} is al teruggeblikt, met {later}; er is niets af te sluiten"),
    gone: |id| format!("de reflectie {id} staat niet meer in het dagboek"),
    io: |kind| match kind {
        std::io::ErrorKind::NotFound => Some("het bestand of de map bestaat niet"),
        std::io::ErrorKind::PermissionDenied => Some("daarvoor heb je geen toestemming"),
        std::io::ErrorKind::IsADirectory => Some("het is een map"),
        std::io::ErrorKind::NotADirectory => Some("een deel van het pad is geen map"),
        std::io::ErrorKind::AlreadyExists => Some("het bestaat al"),
        std::io::ErrorKind::StorageFull => Some("de schijf is vol"),
        std::io::ErrorKind::QuotaExceeded => Some("je schijfquotum is op"),
        std::io::ErrorKind::ReadOnlyFilesystem => Some("de schijf is alleen te lezen"),
        _ => None,
    },
};
