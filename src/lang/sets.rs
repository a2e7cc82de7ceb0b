//! What bezin says of a prompt set it cannot take, and the starter set it
//! writes, in each language. The keys and values of the set's TOML
//! (`kind`, `min`, `scale` …) stay as they are written.

/// The words of a set's problems.
pub struct SetWords {
    /// A starter set with every key explained, `{id}` where its id goes; it
    /// passes `sets validate` as it is.
    pub starter: &'static str,
    pub bad_id: fn(&str, &str) -> String,
    pub version_from_one: &'static str,
    pub needs_prompt: &'static str,
    pub duplicate_prompt: fn(&str, usize) -> String,
    pub person_not_text: fn(&str) -> String,
    pub person_twice: fn(&str) -> String,
    pub unknown_kind: fn(&str, &str) -> String,
    pub only_for: fn(&str, &str) -> String,
    pub scale_needs_range: &'static str,
    pub scale_order: fn(i64, i64) -> String,
    pub scale_steps: &'static str,
    pub needs_options: fn(&str) -> String,
    pub options_empty: &'static str,
    pub option_empty: &'static str,
    pub duplicate_option: fn(&str) -> String,
    pub when_shape: &'static str,
    pub equals_must: fn(&str, &str, &str) -> String,
    pub names_itself: fn(&str, &str) -> String,
    pub names_later: fn(&str, &str) -> String,
    pub names_none: fn(&str, &str) -> String,
    pub needs_language: fn(&str) -> String,
    pub not_empty: fn(&str) -> String,
    pub missing_languages: fn(&str) -> String,
    pub expected_bool: &'static str,
    pub expected_number: fn(i64, i64) -> String,
    pub expected_option: fn(&str) -> String,
    pub expected_string: &'static str,
}

pub static EN: SetWords = SetWords {
    starter: r#"# A prompt set: one reflection, asked question by question.
# The format, with every key: docs/prompt-sets.md in bezin's source.
# Check this file with: bezin sets validate FILE

id = "{id}"
# Raise the version when you change the prompts; entries remember it.
version = 1
# Any text a person reads is a plain string, or one per language:
# title = { en = "Before the meeting", nl = "Vóór het overleg" }
title = "{id}"
description = "What this reflection is for, shown before the first question."
# Optional: what it is for in a few words (the picker of bezin run shows it),
# where the questions come from, and the set meant for afterwards.
# purpose = "before a meeting I dread"
# source = "My own notes"
# follow_up = "after-the-conversation"

[[prompts]]
id = "who"
# kind: text, long, scale, choice, multi or confirm
kind = "text"
ask = "Whom is the conversation with?"
hint = "A name or a role is enough."

[[prompts]]
id = "calm"
kind = "scale"
min = 1
max = 10
min_label = "tense"
max_label = "calm"
# {who} is replaced by the answer to the prompt "who".
ask = "How calm are you about talking to {who}?"

[[prompts]]
id = "aim"
kind = "choice"
ask = "What do you want most from it?"
options = [
  { id = "understand", label = "to understand them" },
  { id = "agree", label = "an agreement" },
]

[[prompts]]
id = "said-before"
kind = "confirm"
ask = "Have you talked about this before?"

[[prompts]]
id = "what-then"
kind = "long"
# Asked only when the answer to "said-before" was yes.
when = { prompt = "said-before", equals = true }
ask = "What happened then?"
# Optional prompts may be left blank.
required = false
"#,
    bad_id: |what, shown| {
        format!(
            "{what} id '{shown}' must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or \
             digit (like 'check-the-potential')"
        )
    },
    version_from_one: "version must be a whole number from 1 up",
    needs_prompt: "a set needs at least one prompt in [[prompts]]",
    duplicate_prompt: |id, first| format!("duplicate prompt id '{id}' (prompt {first} has it too)"),
    person_not_text: |kind| {
        format!("person = true marks a text prompt (the name of the other person), not a {kind} prompt")
    },
    person_twice: |first| format!("only one prompt of a set names the person, and '{first}' does already"),
    unknown_kind: |other, list| format!("unknown kind '{other}'; expected one of {list}"),
    only_for: |field, kinds| format!("'{field}' only applies to {kinds} prompts"),
    scale_needs_range: "a scale prompt needs both min and max, like min = 1, max = 10",
    scale_order: |min, max| format!("scale min ({min}) must be less than max ({max})"),
    scale_steps: "a scale may have at most 101 steps",
    needs_options: |kind| format!("a {kind} prompt needs options"),
    options_empty: "options must not be empty",
    option_empty: "an option must not be empty",
    duplicate_option: |id| format!("duplicate option '{id}'"),
    when_shape: "a when is either { prompt = \"ID\", equals = VALUE } or { follows = \"SET\" }",
    equals_must: |name, kind, expected| format!("'{name}' is a {kind} prompt: equals must be {expected}"),
    names_itself: |what, name| format!("{what} '{name}' names this prompt itself; it can only name an earlier one"),
    names_later: |what, name| format!("{what} '{name}' names a later prompt; it can only name an earlier one"),
    names_none: |what, name| format!("{what} '{name}' names no prompt in this set"),
    needs_language: |what| format!("{what} needs at least one language, like {{ en = \"...\" }}"),
    not_empty: |what| format!("{what} must not be empty"),
    missing_languages: |codes| format!("this string has no {codes} text, which other strings in this set have"),
    expected_bool: "true or false",
    expected_number: |min, max| format!("a whole number from {min} to {max}"),
    expected_option: |ids| format!("one of the option ids {ids}"),
    expected_string: "a string",
};

pub static NL: SetWords = SetWords {
    starter: r#"# Een set vragen: één reflectie, vraag na vraag gesteld.
# Het formaat, met elke sleutel: docs/prompt-sets.md in de broncode van bezin.
# Controleer dit bestand met: bezin sets validate BESTAND

id = "{id}"
# Verhoog de versie als je de vragen wijzigt; reflecties onthouden haar.
version = 1
# Elke tekst die iemand leest, is een gewone tekst, of een per taal:
# title = { en = "Before the meeting", nl = "Vóór het overleg" }
title = "{id}"
description = "Waar deze reflectie voor is; getoond vóór de eerste vraag."
# Naar keuze: waar ze voor is in een paar woorden (de keuzelijst van bezin run
# toont het), waar de vragen vandaan komen, en de set voor daarna.
# purpose = "voor een overleg waar ik tegen opzie"
# source = "Mijn eigen aantekeningen"
# follow_up = "after-the-conversation"

[[prompts]]
id = "wie"
# kind: text, long, scale, choice, multi of confirm
kind = "text"
ask = "Met wie is het gesprek?"
hint = "Een naam of een rol is genoeg."

[[prompts]]
id = "rust"
kind = "scale"
min = 1
max = 10
min_label = "gespannen"
max_label = "rustig"
# {wie} wordt vervangen door het antwoord op de vraag "wie".
ask = "Hoe rustig ben je over het gesprek met {wie}?"

[[prompts]]
id = "doel"
kind = "choice"
ask = "Wat wil je er het liefst uit halen?"
options = [
  { id = "begrijpen", label = "de ander begrijpen" },
  { id = "afspraak", label = "een afspraak" },
]

[[prompts]]
id = "eerder"
kind = "confirm"
ask = "Hebben jullie het hier al eens over gehad?"

[[prompts]]
id = "wat-toen"
kind = "long"
# Alleen gevraagd als het antwoord op "eerder" ja was.
when = { prompt = "eerder", equals = true }
ask = "Wat gebeurde er toen?"
# Een vraag die niet verplicht is, mag leeg blijven.
required = false
"#,
    bad_id: |what, shown| {
        format!(
            "de id '{shown}' ({what}) moet bestaan uit 1 tot 64 kleine letters, cijfers, '-' of '_', beginnend met een \
             letter of cijfer (zoals 'check-the-potential')"
        )
    },
    version_from_one: "version moet een heel getal zijn, vanaf 1",
    needs_prompt: "een set heeft minstens één vraag nodig in [[prompts]]",
    duplicate_prompt: |id, first| format!("de vraag-id '{id}' komt twee keer voor (vraag {first} heeft hem ook)"),
    person_not_text: |kind| {
        format!("person = true hoort bij een text-vraag (de naam van de ander), niet bij een {kind}-vraag")
    },
    person_twice: |first| format!("maar één vraag van een set noemt de persoon, en '{first}' doet dat al"),
    unknown_kind: |other, list| format!("kind '{other}' is onbekend; verwacht een van {list}"),
    only_for: |field, kinds| format!("'{field}' geldt alleen voor vragen van de soort {kinds}"),
    scale_needs_range: "een scale-vraag heeft min en max nodig, zoals min = 1, max = 10",
    scale_order: |min, max| format!("min van de schaal ({min}) moet kleiner zijn dan max ({max})"),
    scale_steps: "een schaal heeft hoogstens 101 stappen",
    needs_options: |kind| format!("een {kind}-vraag heeft options nodig"),
    options_empty: "options mag niet leeg zijn",
    option_empty: "een optie mag niet leeg zijn",
    duplicate_option: |id| format!("de optie '{id}' komt twee keer voor"),
    when_shape: "een when is ofwel { prompt = \"ID\", equals = WAARDE } ofwel { follows = \"SET\" }",
    equals_must: |name, kind, expected| format!("'{name}' is een {kind}-vraag: equals moet {expected} zijn"),
    names_itself: |what, name| {
        format!("{what} '{name}' noemt deze vraag zelf; het kan alleen een eerdere vraag noemen")
    },
    names_later: |what, name| format!("{what} '{name}' noemt een latere vraag; het kan alleen een eerdere noemen"),
    names_none: |what, name| format!("{what} '{name}' noemt geen vraag van deze set"),
    needs_language: |what| format!("{what} heeft minstens één taal nodig, zoals {{ en = \"...\" }}"),
    not_empty: |what| format!("{what} mag niet leeg zijn"),
    missing_languages: |codes| {
        format!("deze tekst heeft geen {codes}-versie, die andere teksten van deze set wel hebben")
    },
    expected_bool: "true of false",
    expected_number: |min, max| format!("een heel getal van {min} tot {max}"),
    expected_option: |ids| format!("een van de optie-ids {ids}"),
    expected_string: "een tekst",
};
