//! Made-up answers to every prompt of a built-in set, read straight from
//! its file: as an answers file, as the keys a person would type, and as
//! the journal records either should make.

use serde_json::{Value, json};

use super::{DOWN, ENTER, UP};

/// Every built-in set, the follow-up last.
pub const BUILT_IN: [&str; 7] = [
    "five-tips",
    "desire-behind-the-request",
    "why-and-for-whom",
    "check-the-potential",
    "opening-the-conversation",
    "keeping-each-other-sharp",
    "after-the-conversation",
];

/// The sets after-the-conversation follows, as their files say.
pub fn followed() -> Vec<&'static str> {
    let follows =
        |id: &&str| built_in(id).get("follow_up").and_then(toml::Value::as_str) == Some("after-the-conversation");
    BUILT_IN.into_iter().filter(follows).collect()
}

/// A built-in set as the test reads it, straight from its file.
pub fn built_in(id: &str) -> toml::Table {
    let path = format!("{}/prompts/{id}.toml", env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn in_lang<'a>(text: &'a toml::Value, lang: &str) -> &'a str {
    text.as_str().unwrap_or_else(|| text[lang].as_str().unwrap())
}

/// The prompts of `set` whose answer another prompt's `when` waits for:
/// where a run branches, in the order the set asks them.
pub fn branch_points(set: &toml::Table) -> Vec<String> {
    let prompts = set["prompts"].as_array().unwrap();
    let named: Vec<&str> = prompts.iter().filter_map(|p| p.get("when")?.get("prompt")?.as_str()).collect();
    prompts.iter().map(|p| p["id"].as_str().unwrap()).filter(|id| named.contains(id)).map(str::to_owned).collect()
}

/// The answers to one run of a set.
pub struct Planned {
    /// As an answers file.
    pub answers: toml::Table,
    /// As typed, a string of keys for each prompt asked, in order.
    pub keys: Vec<String>,
    /// As the journal records them.
    pub records: Vec<Value>,
    /// The hint of each prompt asked that has one, its placeholders filled, by prompt id.
    pub hints: Vec<(String, String)>,
}

impl Planned {
    /// The ids of the prompts asked, in order.
    pub fn asked(&self) -> Vec<&str> {
        self.records.iter().map(|record| record["prompt"].as_str().unwrap()).collect()
    }
}

/// How a run answers.
pub struct Answering<'a> {
    pub lang: &'a str,
    /// The set of the reflection it looks back on.
    pub follows: Option<&'a str>,
    /// Yes to every confirm and the first option of every choice, or no
    /// and the second option, so that two runs take both branches of a `when`.
    pub yes: bool,
    /// The prompts answered the other way.
    pub flipped: &'a [String],
    /// The answer to the prompt that names the person, where the set has one.
    pub person: Option<&'a str>,
}

/// Answers for every prompt of `set` that will be asked in `lang`, looking
/// back on a reflection of the set `follows`, every confirm and choice
/// answered as `yes` says (see `Answering`).
pub fn plan(set: &toml::Table, lang: &str, yes: bool, follows: Option<&str>) -> Planned {
    plan_with(set, &Answering { lang, follows, yes, flipped: &[], person: None })
}

/// Answers for every prompt of `set` that will be asked when answering as `how` says.
pub fn plan_with(set: &toml::Table, how: &Answering) -> Planned {
    let mut planned = Planned { answers: toml::Table::new(), keys: Vec::new(), records: Vec::new(), hints: Vec::new() };
    let mut shown: Vec<(String, String)> = Vec::new();
    let fill = |template: &str, shown: &[(String, String)]| {
        shown.iter().fold(template.to_owned(), |text, (earlier, words)| text.replace(&format!("{{{earlier}}}"), words))
    };
    for prompt in set["prompts"].as_array().unwrap() {
        let id = prompt["id"].as_str().unwrap();
        let asked = match prompt.get("when") {
            None => true,
            Some(when) if when.get("follows").is_some() => when["follows"].as_str() == how.follows,
            Some(when) => planned.answers.get(when["prompt"].as_str().unwrap()) == Some(&when["equals"]),
        };
        if !asked {
            continue;
        }
        let yes = how.yes != how.flipped.iter().any(|flipped| flipped == id);
        let (value, record, words, keys) = match how.person.filter(|_| prompt.get("person").is_some()) {
            Some(name) => (toml::Value::from(name), json!(name), addressed(name), format!("{name}\r")),
            None => answer(prompt, how.lang, yes),
        };
        let question = fill(in_lang(&prompt["ask"], how.lang), &shown);
        let mut record = json!({ "prompt": id, "kind": prompt["kind"], "question": question, "answer": record });
        if let Some(max) = prompt.get("max") {
            record["range"] = json!([prompt["min"].as_integer().unwrap(), max.as_integer().unwrap()]);
        }
        planned.records.push(record);
        planned.hints.extend(prompt.get("hint").map(|hint| (id.to_owned(), fill(in_lang(hint, how.lang), &shown))));
        planned.keys.push(keys);
        shown.push((id.to_owned(), words));
        planned.answers.insert(id.to_owned(), value);
    }
    planned
}

/// How a person named with "my" or "mijn" is shown in a question put to
/// the person: "your manager", "je leidinggevende".
fn addressed(name: &str) -> String {
    let yours = |(mine, yours): (&str, &str)| name.strip_prefix(mine).map(|rest| format!("{yours}{rest}"));
    [("my ", "your "), ("mijn ", "je ")].into_iter().find_map(yours).unwrap_or_else(|| name.to_owned())
}

/// The keys that change the answer to a confirm or choice `prompt`, given
/// the other way, to `yes` (see `Answering`) where it is shown again.
pub fn change_keys(prompt: &toml::Value, lang: &str, yes: bool) -> String {
    match prompt["kind"].as_str().unwrap() {
        "confirm" => answer(prompt, lang, yes).3,
        "choice" => format!("{}{ENTER}", if yes { UP } else { DOWN }),
        other => panic!("a branch on a {other} prompt is not typed yet"),
    }
}

/// One prompt's answer: its TOML value, its record, its words in a
/// placeholder, and the keys that give it.
fn answer(prompt: &toml::Value, lang: &str, yes: bool) -> (toml::Value, Value, String, String) {
    let id = prompt["id"].as_str().unwrap();
    let options = prompt.get("options").and_then(toml::Value::as_array);
    let label = |n: usize| in_lang(&options.unwrap()[n]["label"], lang).to_owned();
    let picked = |n: usize| json!({"id": options.unwrap()[n]["id"].as_str().unwrap(), "label": label(n)});
    match prompt["kind"].as_str().unwrap() {
        "text" => {
            let text = format!("{id} ✓");
            (toml::Value::from(text.clone()), json!(text), text.clone(), format!("{text}\r"))
        }
        "long" => {
            let text = format!("First line of {id}\nA second line, with \"quotes\" and é.");
            (toml::Value::from(text.clone()), json!(text), text.clone(), format!("{}\r\r", text.replace('\n', "\r")))
        }
        "scale" => {
            let (min, max) = (prompt["min"].as_integer().unwrap(), prompt["max"].as_integer().unwrap());
            let middle = min + (max - min) / 2;
            (toml::Value::from(middle), json!(middle), format!("{middle}/{max}"), ENTER.to_owned())
        }
        "choice" => {
            let n = usize::from(!yes);
            (options.unwrap()[n]["id"].clone(), picked(n), label(n), format!("{}{ENTER}", DOWN.repeat(n)))
        }
        "multi" => {
            let ids = toml::Value::Array(vec![options.unwrap()[0]["id"].clone(), options.unwrap()[2]["id"].clone()]);
            let words = format!("{}, {}", label(0), label(2));
            (ids, json!([picked(0), picked(2)]), words, format!(" {DOWN}{DOWN} {ENTER}"))
        }
        "confirm" => {
            let key = match (yes, lang) {
                (false, _) => "n",
                (true, "nl") => "j",
                (true, _) => "y",
            };
            (toml::Value::from(yes), json!(yes), String::new(), key.to_owned())
        }
        other => panic!("unexpected kind {other}"),
    }
}
