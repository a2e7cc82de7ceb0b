//! What `bezin config` says, in each language: the names of the settings
//! stay as the settings file spells them.

/// `config`'s words.
pub struct ConfigWords {
    pub col_setting: &'static str,
    pub col_value: &'static str,
    pub col_from: &'static str,
    pub from: fn(&str) -> String,
    pub flag: fn(&str) -> String,
    pub file: fn(&str) -> String,
    pub environment: fn(&str) -> String,
    pub default: &'static str,
    pub no_default_set: &'static str,
    pub more_prompts: &'static str,
    pub settings_file: &'static str,
    pub not_written: fn(&str) -> String,
    pub wrote: fn(&str) -> String,
    pub exists: fn(&str) -> String,
    /// A settings file to start from, every key explained and commented out.
    pub template: &'static str,
}

pub static EN: ConfigWords = ConfigWords {
    col_setting: "SETTING",
    col_value: "VALUE",
    col_from: "FROM",
    from: |from| format!("from {from}"),
    flag: |flag| format!("flag {flag}"),
    file: |path| format!("file {path}"),
    environment: |variable| format!("environment {variable}"),
    default: "default",
    no_default_set: "(none: run asks)",
    more_prompts: "(and those given with --prompts)",
    settings_file: "settings file",
    not_written: |command| format!(" (not written yet: {command})"),
    wrote: |path| format!("Wrote {path}"),
    exists: |path| format!("{path} exists already; edit it, or move it away first"),
    template: r#"# bezin's settings. Every key is optional: take away the # to set one.
# `bezin config` shows the settings in force and where each comes from.

# The language of the prompts and of what bezin says: "en" or "nl".
# Default: the language of $LC_ALL, $LC_MESSAGES or $LANG, else English.
# language = "en"

# The journal: a folder of one log per device, to share with your sync.
# "~/" is your home folder; a relative path starts here.
# Default: ~/.local/share/bezin/journal.jsonl, or $BEZIN_HOME/journal.jsonl.
# journal = "~/Sync/bezin/journal.jsonl"

# The age identity that reads your journal once it is encrypted (bezin encrypt).
# Default: $BEZIN_IDENTITY, else identity.txt beside this file.
# identity = "~/.ssh/id_ed25519"

# The set `bezin run` starts when no set is named. Default: bezin asks.
# default_set = "five-tips"

# The editor for long answers (type :e on a line of its own).
# Default: $VISUAL, else $EDITOR, else vi.
# editor = "nano"

# More folders of prompt sets (*.toml), besides the prompts folder beside this file.
# prompt_dirs = ["~/team-sets"]
"#,
};

pub static NL: ConfigWords = ConfigWords {
    col_setting: "INSTELLING",
    col_value: "WAARDE",
    col_from: "UIT",
    from: |from| format!("uit {from}"),
    flag: |flag| format!("optie {flag}"),
    file: |path| format!("bestand {path}"),
    environment: |variable| format!("omgeving {variable}"),
    default: "de standaard",
    no_default_set: "(geen: run vraagt het)",
    more_prompts: "(en die van --prompts)",
    settings_file: "instellingenbestand",
    not_written: |command| format!(" (nog niet geschreven: {command})"),
    wrote: |path| format!("{path} geschreven"),
    exists: |path| format!("{path} bestaat al; pas het aan, of zet het eerst ergens anders neer"),
    template: r#"# De instellingen van bezin. Elke sleutel is vrij: haal de # weg om er een te zetten.
# `bezin config` laat zien welke instellingen gelden en waar elk vandaan komt.

# De taal van de vragen en van wat bezin zegt: "en" of "nl".
# Standaard: de taal van $LC_ALL, $LC_MESSAGES of $LANG, anders Engels.
# language = "nl"

# Het dagboek: een map met een logboek per apparaat, om met je synchronisatie te delen.
# "~/" is je thuismap; een relatief pad begint hier.
# Standaard: ~/.local/share/bezin/journal.jsonl, of $BEZIN_HOME/journal.jsonl.
# journal = "~/Sync/bezin/journal.jsonl"

# De age-identiteit die je dagboek leest zodra het versleuteld is (bezin encrypt).
# Standaard: $BEZIN_IDENTITY, anders identity.txt naast dit bestand.
# identity = "~/.ssh/id_ed25519"

# De set die `bezin run` begint als je geen set noemt. Standaard: bezin vraagt het.
# default_set = "five-tips"

# De editor voor lange antwoorden (typ :e op een eigen regel).
# Standaard: $VISUAL, anders $EDITOR, anders vi.
# editor = "nano"

# Meer mappen met vragensets (*.toml), naast de map prompts naast dit bestand.
# prompt_dirs = ["~/team-sets"]
"#,
};
