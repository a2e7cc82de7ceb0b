//! What bezin says of what it finds around it, in each language: the
//! folders the environment names, the time zone, a date it cannot count
//! back to or cannot read, an entry larger than the journal takes.

/// The environment's words.
pub struct EnvironmentWords {
    pub no_home: &'static str,
    pub control_in_variable: fn(&str) -> String,
    pub not_whole_path: fn(&str, &str) -> String,
    pub tz_leaves_folder: fn(&str) -> String,
    pub tz_unreadable_file: fn(&str) -> String,
    pub tz_unknown: fn(&str) -> String,
    pub tz_offset_unfit: fn(&str, &str) -> String,
    pub times_in_utc: fn(&str) -> String,
    pub not_a_date: fn(&str) -> String,
    pub too_far_back: fn(&str) -> String,
    pub entry_too_large: fn(&str, &str) -> String,
    pub not_regular_file: &'static str,
    pub file_too_large: fn(&str, &str) -> String,
    pub value_too_large: fn(&str) -> String,
}

pub static EN: EnvironmentWords = EnvironmentWords {
    no_home: "could not find your home folder; set BEZIN_HOME to the folder bezin should use",
    control_in_variable: |name| {
        format!("{name} holds a control character (a newline?); set it to the folder's path alone")
    },
    not_whole_path: |name, value| format!("{name}='{value}' is not a whole path; give one that starts with / or ~/"),
    tz_leaves_folder: |tz| format!("TZ='{tz}' leaves the time zone folder"),
    tz_unreadable_file: |tz| format!("TZ='{tz}' is not a time zone file bezin can read"),
    tz_unknown: |tz| format!("TZ='{tz}' is not a time zone bezin knows"),
    tz_offset_unfit: |tz, offset| {
        format!(
            "TZ='{tz}' gives the UTC offset {offset}, which an entry's time cannot carry (whole minutes from -23:59 \
             to +23:59)"
        )
    },
    times_in_utc: |problem| format!("bezin: warning: {problem}; times are in UTC"),
    not_a_date: |text| {
        format!(
            "'{text}' is not a date; use a day like 2026-11-01, a time ago like 7d, 2w, 3m or 1y, or today or \
             yesterday"
        )
    },
    too_far_back: |text| format!("'{text}' reaches back further than bezin counts days; give a date like 2026-11-01"),
    entry_too_large: |size, most| {
        format!("the entry would take {size} in the journal, more than the {most} an entry may take")
    },
    not_regular_file: "not a regular file (a folder, a device or a pipe)",
    file_too_large: |size, what| format!("larger than {size}, more than {what} may be"),
    value_too_large: |most| format!("it holds a value larger than {most}, more than any entry takes"),
};

pub static NL: EnvironmentWords = EnvironmentWords {
    no_home: "je thuismap is niet te vinden; zet BEZIN_HOME op de map die bezin moet gebruiken",
    control_in_variable: |name| {
        format!("{name} bevat een stuurteken (een nieuwe regel?); zet er alleen het pad van de map in")
    },
    not_whole_path: |name, value| format!("{name}='{value}' is geen volledig pad; geef er een dat met / of ~/ begint"),
    tz_leaves_folder: |tz| format!("TZ='{tz}' gaat buiten de map met tijdzones"),
    tz_unreadable_file: |tz| format!("TZ='{tz}' is geen tijdzonebestand dat bezin kan lezen"),
    tz_unknown: |tz| format!("TZ='{tz}' is geen tijdzone die bezin kent"),
    tz_offset_unfit: |tz, offset| {
        format!(
            "TZ='{tz}' geeft het verschil met UTC {offset}, dat de tijd van een reflectie niet kan dragen (hele \
             minuten van -23:59 tot +23:59)"
        )
    },
    times_in_utc: |problem| format!("bezin: waarschuwing: {problem}; tijden staan in UTC"),
    not_a_date: |text| {
        format!(
            "'{text}' is geen datum; geef een dag zoals 2026-11-01, een tijd terug zoals 7d, 2w, 3m of 1y, of \
             vandaag of gisteren"
        )
    },
    too_far_back: |text| format!("'{text}' gaat verder terug dan bezin dagen telt; geef een datum zoals 2026-11-01"),
    entry_too_large: |size, most| {
        format!("de reflectie zou {size} in het dagboek innemen, meer dan de {most} die een reflectie mag innemen")
    },
    not_regular_file: "geen gewoon bestand (een map, een apparaat of een pijp)",
    file_too_large: |size, what| format!("groter dan {size}, meer dan {what} mag zijn"),
    value_too_large: |most| format!("er staat een waarde in van meer dan {most}, groter dan een reflectie ooit is"),
};
