//! The languages bezin speaks, strings that come in several of them, and the
//! few words of bezin's own that a guided reflection shows.

pub mod browse;
pub mod check;
pub mod commands;
pub mod config;
pub mod environment;
pub mod errors;
pub mod failed;
pub mod help;
pub mod journal;
pub mod keys;
pub mod outcomes;
pub mod sets;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A language bezin has words for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The language of a locale such as `nl_BE.UTF-8`, if bezin speaks it.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let code = locale.split(['_', '.', '@', '-']).next()?;
        code.to_ascii_lowercase().parse().ok()
    }

    /// The language of the person's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_locale(&value))
    }

    /// What `bezin browse` says on its screen.
    pub fn browse(self) -> &'static browse::BrowseWords {
        match self {
            Lang::En => &browse::EN,
            Lang::Nl => &browse::NL,
        }
    }

    /// What bezin says of what it finds around it.
    pub fn environment(self) -> &'static environment::EnvironmentWords {
        match self {
            Lang::En => &environment::EN,
            Lang::Nl => &environment::NL,
        }
    }

    /// What bezin says of a prompt set it cannot take.
    pub fn sets(self) -> &'static sets::SetWords {
        match self {
            Lang::En => &sets::EN,
            Lang::Nl => &sets::NL,
        }
    }

    /// What the keys of an encrypted journal say.
    pub fn keys(self) -> &'static keys::KeyWords {
        match self {
            Lang::En => &keys::EN,
            Lang::Nl => &keys::NL,
        }
    }

    /// What `bezin config` says.
    pub fn config(self) -> &'static config::ConfigWords {
        match self {
            Lang::En => &config::EN,
            Lang::Nl => &config::NL,
        }
    }

    /// A day (`2026-12-03`), or a day and a time (`2026-12-03 13:07`), as a
    /// sentence in this language writes it: `3 december 2026 om 13:07` in
    /// Dutch. Tables and lists keep the sortable form.
    pub fn date(self, day: &str) -> String {
        const MONTHS: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        let parts = (day.get(..4), day.get(5..7), day.get(8..10), day.get(4..5), day.get(7..8));
        let (Lang::Nl, (Some(year), Some(month), Some(date), Some("-"), Some("-"))) = (self, parts) else {
            return day.to_owned();
        };
        let (Ok(month), Ok(date)) = (month.parse::<usize>(), date.parse::<u8>()) else { return day.to_owned() };
        let Some(name) = month.checked_sub(1).and_then(|at| MONTHS.get(at)) else { return day.to_owned() };
        match day.get(10..).map(str::trim).filter(|time| !time.is_empty()) {
            Some(time) => format!("{date} {name} {year} om {time}"),
            None => format!("{date} {name} {year}"),
        }
    }

    /// What the journal's folder says of itself.
    pub fn journal(self) -> &'static journal::JournalWords {
        match self {
            Lang::En => &journal::EN,
            Lang::Nl => &journal::NL,
        }
    }

    /// What the commands say they did, and ask first.
    pub fn outcomes(self) -> &'static outcomes::OutcomeWords {
        match self {
            Lang::En => &outcomes::EN,
            Lang::Nl => &outcomes::NL,
        }
    }

    /// What `bezin check` says.
    pub fn check(self) -> &'static check::CheckWords {
        match self {
            Lang::En => &check::EN,
            Lang::Nl => &check::NL,
        }
    }

    /// What bezin says when something is wrong, in the modules below the commands.
    pub fn errors(self) -> &'static errors::ErrorWords {
        match self {
            Lang::En => &errors::EN,
            Lang::Nl => &errors::NL,
        }
    }

    /// What the commands say when something is wrong.
    pub fn commands(self) -> &'static commands::CommandWords {
        match self {
            Lang::En => &commands::EN,
            Lang::Nl => &commands::NL,
        }
    }

    /// The words of `--help` and the manual page, laid over clap's English;
    /// none for English, which is clap's own.
    pub fn help(self) -> Option<&'static help::HelpWords> {
        match self {
            Lang::En => None,
            Lang::Nl => Some(&help::NL),
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Nl => &NL,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL.into_iter().find(|lang| lang.code() == s).ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// A language code bezin does not speak; said in the interface's language.
#[derive(Debug)]
pub struct UnknownLang(String);

impl UnknownLang {
    pub fn said_in(&self, lang: Lang) -> String {
        (lang.errors().unknown_language)(&self.0, &codes())
    }
}

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said_in(interface()))
    }
}

impl std::error::Error for UnknownLang {}

/// The language of the interface, once the command's settings are settled.
static INTERFACE: OnceLock<Lang> = OnceLock::new();

/// Settles the language bezin speaks for the rest of the process; the first
/// settling wins.
pub fn settle_interface(lang: Lang) {
    let _ = INTERFACE.set(lang);
}

/// The language bezin speaks, for messages made where no command's context
/// reaches (finding an id, reading an answers file): English until settled.
pub fn interface() -> Lang {
    INTERFACE.get().copied().unwrap_or(Lang::En)
}

/// The language codes bezin knows, for messages: "en, nl".
pub fn codes() -> String {
    Lang::ALL.map(Lang::code).join(", ")
}

/// A person-facing string: the same in every language, or one per language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Translated(BTreeMap<Lang, String>),
}

impl Text {
    /// The string in `lang`; a set that lacks it falls back to English, then
    /// to any language it has (loading makes sure every string has the same).
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Translated(by_lang) => by_lang
                .get(&lang)
                .or_else(|| by_lang.get(&Lang::En))
                .or_else(|| by_lang.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Every language version of the string, for checks that look at all.
    pub fn versions(&self) -> Vec<&str> {
        match self {
            Text::Plain(text) => vec![text],
            Text::Translated(by_lang) => by_lang.values().map(String::as_str).collect(),
        }
    }
}

/// bezin's own words in a guided reflection.
pub struct Words {
    pub yes: &'static str,
    pub no: &'static str,
    pub hint: &'static str,
    pub optional: &'static str,
    pub long_help: &'static str,
    /// Before a long answer given before comes back to change.
    pub long_again: &'static str,
    /// After the editor gave nothing back.
    pub editor_failed: &'static str,
    pub required: &'static str,
    pub pick_set: &'static str,
    pub follows: &'static str,
    /// Asks which prepared conversation a look-back is about.
    pub follow_offer: &'static str,
    /// The choice of none of them: a look-back of its own.
    pub follow_none: &'static str,
    pub summary: &'static str,
    /// Heads the answers of a resumed reflection.
    pub so_far: &'static str,
    pub no_answer: &'static str,
    pub save: &'static str,
    pub change: &'static str,
    pub title: &'static str,
    pub tags: &'static str,
    pub saved: &'static str,
    pub pick_one_at_least: &'static str,
    pub multi_help: &'static str,
    /// How to answer a scale: "Type a number (0 for 10) or move with ↑ and ↓; …".
    pub type_number: &'static str,
    pub zero_is_ten: &'static str,
    pub or_arrows: &'static str,
    /// The same where the terminal has no room for the list: the numbers are typed.
    pub numbers_help: &'static str,
    /// The list entry that goes back to the question before.
    pub back_item: &'static str,
    /// Said once, at the first question: how to go back.
    pub back_help: &'static str,
    /// After `:b` where there is no question to go back to.
    pub no_way_back: &'static str,
    pub kept: &'static str,
    /// After an answer bezin could not take: "what you wrote is kept in" a file.
    pub kept_in: &'static str,
    /// The recall after a name seen before: "3 reflections, the last on".
    pub reflection: &'static str,
    pub reflections: &'static str,
    pub last_on: &'static str,
    pub resume_offer: &'static str,
    pub answers_word: &'static str,
    pub answer_word: &'static str,
    /// The list of sets: its columns, and where a set comes from.
    pub col_prompts: &'static str,
    /// Before when an entry was last changed, in `show`.
    pub edited_on: &'static str,
    pub col_origin: &'static str,
    pub built_in: &'static str,
    pub replaces_built_in: &'static str,
    /// The welcome's headings: the tagline, the sets, the latest entries,
    /// the conversations to look back on, the drafts, the command to start.
    pub welcome_tagline: &'static str,
    pub welcome_sets: &'static str,
    pub welcome_latest: &'static str,
    pub welcome_look_back: &'static str,
    pub welcome_unfinished: &'static str,
    pub welcome_start: &'static str,
    pub afterwards: &'static str,
    pub version: &'static str,
    pub languages: &'static str,
    pub source: &'static str,
    /// What a set is for, in `sets show`.
    pub purpose: &'static str,
    pub only_when: &'static str,
    /// "only when looking back on" a set.
    pub follows_set: &'static str,
    pub scale: &'static str,
    /// The kinds of prompts as `sets show` names them; a set file spells
    /// them in English whatever the language.
    pub kinds: KindWords,
    pub cancel: &'static str,
    pub none: &'static str,
    pub title_short: &'static str,
    pub tags_short: &'static str,
    pub edit_entry: &'static str,
    pub changed_meanwhile: &'static str,
    pub save_over: &'static str,
    /// Asked on leaving `edit` with Esc after changes were made.
    pub save_changes: &'static str,
    /// Marks the prompt that names the other person, in `sets show`.
    pub person_mark: &'static str,
    /// Marks a prompt whose answer is recalled, in `sets show`.
    pub recap_mark: &'static str,
    /// "Type a whole number from 1 to 1000."
    pub number_from: &'static str,
    pub number_to: &'static str,
    /// The columns of `list`, `people` and `drafts`.
    pub col_id: &'static str,
    pub col_date: &'static str,
    pub col_person: &'static str,
    pub col_title: &'static str,
    pub col_set: &'static str,
    pub col_tags: &'static str,
    pub col_name: &'static str,
    pub col_reflections: &'static str,
    pub col_first: &'static str,
    pub col_last: &'static str,
    pub col_open: &'static str,
    pub col_started: &'static str,
    pub col_answers: &'static str,
    /// When `list` finds nothing; {command} is the command that starts a reflection.
    pub nothing_listed: &'static str,
    /// No entry passes what was asked for ("--person", "--set"...).
    pub nothing_matches: &'static str,
    pub no_one_yet: &'static str,
    /// Under the list of drafts, and when there are none.
    pub go_on_with_one: &'static str,
    pub no_drafts: &'static str,
    /// In `about`, before each look-back under its preparation.
    pub looked_back_on: &'static str,
    /// The headings and words of `stats`.
    pub stats_entries: &'static str,
    pub stats_streak: &'static str,
    pub stats_per_set: &'static str,
    pub stats_per_month: &'static str,
    pub stats_scales: &'static str,
    pub stats_choices: &'static str,
    pub stats_day: &'static str,
    pub stats_days: &'static str,
    pub stats_week: &'static str,
    pub stats_weeks: &'static str,
    pub stats_now_longest: &'static str,
    pub stats_last_months: &'static str,
    pub stats_scale_facts: &'static str,
    pub stats_none: &'static str,
    /// In `show`: the entry this one follows, and those that follow it.
    pub follows_entry: &'static str,
    pub followed_by: &'static str,
    pub gone_from_journal: &'static str,
    /// Marks the prompt that asks for the next step, in `sets show`.
    pub next_step_mark: &'static str,
    /// "compared as calm", in `sets show`.
    pub compare_mark: &'static str,
    /// Beside a question of a look-back: what was answered to its counterpart.
    pub before_conversation: &'static str,
    /// The picker's entry that closes a conversation without a look-back.
    pub follow_close: &'static str,
    pub close_which: &'static str,
    /// The choice of none of them when closing: back to the picker.
    pub close_none: &'static str,
    pub close_note: &'static str,
    /// Said once a conversation is closed, before its date and title.
    pub closed_now: &'static str,
    /// "was closed already on" a date.
    pub closed_already: &'static str,
    /// Asks whether another preparation of the same person is looked back on too.
    pub also_follow: &'static str,
    /// The recall's line for the next step of the last look-back on a person.
    pub next_step_named: &'static str,
    /// A scale before and after the conversation, in `about`.
    pub before: &'static str,
    pub after: &'static str,
    /// In `about`: a look-back shown under a later preparation it also follows.
    pub looked_back_later: &'static str,
    /// In `about` and `show`: "closed without a look-back on" a date.
    pub closed_on: &'static str,
    /// In an exported note, before the link to the person's page.
    pub about_person: &'static str,
    /// The headings of the overview note of an export folder.
    pub journal_heading: &'static str,
    pub people_heading: &'static str,
    pub open_conversations: &'static str,
}

/// The name of each kind of prompt.
pub struct KindWords {
    pub text: &'static str,
    pub long: &'static str,
    pub scale: &'static str,
    pub choice: &'static str,
    pub multi: &'static str,
    pub confirm: &'static str,
}

static EN: Words = Words {
    yes: "yes",
    no: "no",
    hint: "hint",
    optional: "optional",
    long_help: "Write as many lines as you like; an empty line ends the answer. Type :e on a line of its own to write in your editor.",
    long_again: "Your answer comes back a line at a time: Enter keeps a line, or change it first (← and → move in it); empty a line to leave it out. After the last, more lines or an empty line to end; :e on a line of its own opens all of it in your editor.",
    editor_failed: "what you typed is kept: go on typing, or :e to try again",
    required: "This question needs an answer.",
    pick_set: "Which reflection?",
    follows: "This reflection follows",
    follow_offer: "Which conversation do you look back on?",
    follow_none: "none of these",
    summary: "Your answers",
    so_far: "Your answers so far",
    no_answer: "(no answer)",
    save: "Save",
    change: "Change",
    title: "Title (optional)",
    tags: "Tags, separated by commas (optional)",
    saved: "Saved as",
    pick_one_at_least: "Choose at least one (space to tick, enter to confirm).",
    multi_help: "Move with ↑ and ↓, Space ticks an option, Enter confirms.",
    type_number: "Type a number",
    zero_is_ten: "0 for 10",
    or_arrows: "or move with ↑ and ↓; Enter confirms.",
    numbers_help: "Type the numbers of your choices, separated by spaces.",
    back_item: "‹ previous question",
    back_help: "To go back to the previous question later: type :b as your answer, choose ‹ previous question in a list, or press Backspace at a yes/no question.",
    no_way_back: "There is no question to go back to here.",
    kept: "Your answers so far are kept in a draft. To go on:",
    kept_in: "what you wrote is kept in",
    reflection: "reflection",
    reflections: "reflections",
    last_on: "the last on",
    resume_offer: "Go on with the reflection you started on",
    answers_word: "answers",
    answer_word: "answer",
    col_prompts: "PROMPTS",
    edited_on: "edited",
    col_origin: "ORIGIN",
    built_in: "built-in",
    replaces_built_in: "replaces the built-in set",
    welcome_tagline: "think before you begin",
    welcome_sets: "Reflections",
    welcome_latest: "Latest entries",
    welcome_look_back: "To look back on",
    welcome_unfinished: "Unfinished",
    welcome_start: "To start:",
    afterwards: "After the conversation:",
    version: "version",
    languages: "Languages",
    source: "Source",
    purpose: "For",
    only_when: "only when",
    follows_set: "looking back on",
    scale: "scale",
    kinds: KindWords {
        text: "text",
        long: "long",
        scale: "scale",
        choice: "choice",
        multi: "multi",
        confirm: "confirm",
    },
    cancel: "Cancel",
    none: "(none)",
    title_short: "Title",
    tags_short: "Tags",
    edit_entry: "Change entry",
    changed_meanwhile: "The entry was changed elsewhere while you edited it.",
    save_over: "Save your version over that change?",
    save_changes: "Save your changes?",
    person_mark: "the person",
    recap_mark: "recalled",
    number_from: "Type a whole number from",
    number_to: "to",
    col_id: "ID",
    col_date: "DATE",
    col_person: "PERSON",
    col_title: "TITLE",
    col_set: "SET",
    col_tags: "TAGS",
    col_name: "NAME",
    col_reflections: "REFLECTIONS",
    col_first: "FIRST",
    col_last: "LAST",
    col_open: "OPEN",
    col_started: "STARTED",
    col_answers: "ANSWERS",
    nothing_listed: "No entries to list; {command} starts one.",
    nothing_matches: "No entry matches what you asked for; {command} shows them all.",
    no_one_yet: "No one yet: sets such as five-tips ask whom a reflection is about.",
    go_on_with_one: "Go on with one:",
    no_drafts: "No unfinished reflections.",
    looked_back_on: "looked back on:",
    stats_entries: "Entries:",
    stats_streak: "Streak:",
    stats_per_set: "Per set",
    stats_per_month: "Per month",
    stats_scales: "Scales",
    stats_choices: "Choices",
    stats_day: "day",
    stats_days: "days",
    stats_week: "week",
    stats_weeks: "weeks",
    stats_now_longest: "now, longest",
    stats_last_months: "the last {shown} of {all} months; --json has them all",
    stats_scale_facts: "first {first}, last {last}, lowest {lowest}, highest {highest} on {min} to {max}; {answers}",
    stats_none: "No entries yet; {command} starts one.",
    follows_entry: "Follows:",
    followed_by: "Followed by:",
    gone_from_journal: "(no longer in the journal)",
    next_step_mark: "the next step",
    compare_mark: "compared as",
    before_conversation: "Before the conversation",
    follow_close: "close one without looking back…",
    close_which: "Which conversation do you close without a look-back?",
    close_none: "none, back to the list",
    close_note: "A note (optional)",
    closed_now: "Closed without a look-back:",
    closed_already: "was closed already on",
    also_follow: "Look back on this one too:",
    next_step_named: "next step, named on",
    before: "before",
    after: "after",
    looked_back_later: "looked back on together with a later one:",
    closed_on: "closed without a look-back on",
    about_person: "About:",
    journal_heading: "Journal",
    people_heading: "People",
    open_conversations: "Open conversations",
};

static NL: Words = Words {
    yes: "ja",
    no: "nee",
    hint: "tip",
    optional: "optioneel",
    long_help: "Schrijf zoveel regels als je wilt; een lege regel sluit het antwoord af. Typ :e op een eigen regel om in je editor te schrijven.",
    long_again: "Je antwoord komt regel voor regel terug: Enter behoudt een regel, of verander hem eerst (met ← en → ga je erin heen en weer); maak een regel leeg om hem weg te laten. Na de laatste: meer regels, of een lege regel om af te sluiten; :e op een eigen regel opent alles in je editor.",
    editor_failed: "wat je typte blijft bewaard: typ verder, of :e om het opnieuw te proberen",
    required: "Deze vraag heeft een antwoord nodig.",
    pick_set: "Welke reflectie?",
    follows: "Deze reflectie volgt op",
    follow_offer: "Op welk gesprek kijk je terug?",
    follow_none: "geen van deze",
    summary: "Je antwoorden",
    so_far: "Je antwoorden tot nu toe",
    no_answer: "(geen antwoord)",
    save: "Bewaren",
    change: "Wijzigen",
    title: "Titel (optioneel)",
    tags: "Labels, gescheiden door komma's (optioneel)",
    saved: "Bewaard als",
    pick_one_at_least: "Kies er minstens een (spatie om aan te vinken, enter om te bevestigen).",
    multi_help: "Ga met ↑ en ↓, spatie vinkt een optie aan, Enter bevestigt.",
    type_number: "Typ een getal",
    zero_is_ten: "0 voor 10",
    or_arrows: "of ga met ↑ en ↓; Enter bevestigt.",
    numbers_help: "Typ de nummers van je keuzes, gescheiden door spaties.",
    back_item: "‹ vorige vraag",
    back_help: "Later terug naar de vorige vraag: typ :b als antwoord, kies ‹ vorige vraag in een lijst, of druk op Backspace bij een ja/nee-vraag.",
    no_way_back: "Hier is geen vraag om naar terug te gaan.",
    kept: "Je antwoorden tot nu toe zijn bewaard in een concept. Verder gaan:",
    kept_in: "wat je schreef is bewaard in",
    reflection: "reflectie",
    reflections: "reflecties",
    last_on: "de laatste op",
    resume_offer: "Verder gaan met de reflectie die je begon op",
    answers_word: "antwoorden",
    answer_word: "antwoord",
    col_prompts: "VRAGEN",
    edited_on: "gewijzigd",
    col_origin: "HERKOMST",
    built_in: "ingebouwd",
    replaces_built_in: "vervangt de ingebouwde set",
    welcome_tagline: "bezint eer ge begint",
    welcome_sets: "Reflecties",
    welcome_latest: "Laatste reflecties",
    welcome_look_back: "Om op terug te kijken",
    welcome_unfinished: "Niet afgemaakt",
    welcome_start: "Om te beginnen:",
    afterwards: "Na het gesprek:",
    version: "versie",
    languages: "Talen",
    source: "Bron",
    purpose: "Voor",
    only_when: "alleen als",
    follows_set: "je terugkijkt op",
    scale: "schaal",
    kinds: KindWords {
        text: "tekst",
        long: "lange tekst",
        scale: "schaal",
        choice: "keuze",
        multi: "meerkeuze",
        confirm: "ja of nee",
    },
    cancel: "Annuleren",
    none: "(geen)",
    title_short: "Titel",
    tags_short: "Labels",
    edit_entry: "Reflectie wijzigen",
    changed_meanwhile: "De reflectie is elders gewijzigd terwijl jij ze bewerkte.",
    save_over: "Jouw versie bewaren over die wijziging heen?",
    save_changes: "Je wijzigingen bewaren?",
    person_mark: "de persoon",
    recap_mark: "teruggehaald",
    number_from: "Typ een geheel getal van",
    number_to: "tot",
    col_id: "ID",
    col_date: "DATUM",
    col_person: "PERSOON",
    col_title: "TITEL",
    col_set: "SET",
    col_tags: "LABELS",
    col_name: "NAAM",
    col_reflections: "REFLECTIES",
    col_first: "EERSTE",
    col_last: "LAATSTE",
    col_open: "OPEN",
    col_started: "BEGONNEN",
    col_answers: "ANTWOORDEN",
    nothing_listed: "Geen reflecties om te tonen; {command} begint er een.",
    nothing_matches: "Geen reflectie past bij wat je vroeg; {command} toont ze allemaal.",
    no_one_yet: "Nog niemand: sets zoals five-tips vragen over wie een reflectie gaat.",
    go_on_with_one: "Ga verder met een ervan:",
    no_drafts: "Geen onafgemaakte reflecties.",
    looked_back_on: "terugblik:",
    stats_entries: "Reflecties:",
    stats_streak: "Reeks:",
    stats_per_set: "Per set",
    stats_per_month: "Per maand",
    stats_scales: "Schalen",
    stats_choices: "Keuzes",
    stats_day: "dag",
    stats_days: "dagen",
    stats_week: "week",
    stats_weeks: "weken",
    stats_now_longest: "nu, langste",
    stats_last_months: "de laatste {shown} van {all} maanden; --json heeft ze allemaal",
    stats_scale_facts: "eerste {first}, laatste {last}, laagste {lowest}, hoogste {highest} op {min} tot {max}; {answers}",
    stats_none: "Nog geen reflecties; {command} begint er een.",
    follows_entry: "Volgt op:",
    followed_by: "Gevolgd door:",
    gone_from_journal: "(niet meer in het dagboek)",
    next_step_mark: "de volgende stap",
    compare_mark: "vergeleken als",
    before_conversation: "Vóór het gesprek",
    follow_close: "er een afsluiten zonder terug te kijken…",
    close_which: "Welk gesprek sluit je af zonder terug te kijken?",
    close_none: "geen, terug naar de lijst",
    close_note: "Een notitie (optioneel)",
    closed_now: "Afgesloten zonder terugblik:",
    closed_already: "is al afgesloten op",
    also_follow: "Kijk je hier ook op terug:",
    next_step_named: "volgende stap, genoemd op",
    before: "vooraf",
    after: "achteraf",
    looked_back_later: "teruggekeken samen met een latere:",
    closed_on: "afgesloten zonder terugblik op",
    about_person: "Over:",
    journal_heading: "Dagboek",
    people_heading: "Mensen",
    open_conversations: "Open gesprekken",
};

/// A count and its noun, singular for one: "1 change", "3 changes".
pub(super) fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "1 entry", "3 entries".
pub(super) fn entries(count: usize) -> String {
    counted(count, "entry", "entries")
}

/// "1 reflectie", "3 reflecties".
pub(super) fn reflections(count: usize) -> String {
    counted(count, "reflectie", "reflecties")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(Lang::from_locale("nl_BE.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_locale("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    #[test]
    fn an_unknown_code_names_the_known_ones() {
        let err = "de".parse::<Lang>().unwrap_err();
        assert_eq!(err.to_string(), "unknown language 'de'; bezin speaks en, nl");
        assert_eq!(Lang::Nl.date("2026-03-01"), "1 maart 2026");
        assert_eq!(Lang::Nl.date("2026-12-03 13:07"), "3 december 2026 om 13:07");
        assert_eq!(Lang::En.date("2026-12-03 13:07"), "2026-12-03 13:07");
        assert_eq!(Lang::Nl.date("gisteren"), "gisteren");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        let text = Text::Translated([(Lang::En, "hello".to_owned())].into());
        assert_eq!(text.get(Lang::Nl), "hello");
    }
}
