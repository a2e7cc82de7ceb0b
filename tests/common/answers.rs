//! Made-up answers to every prompt of a built-in set, read straight from
//! its file: as an answers file, as the keys a person would type, and as
//! the journal records either should make.

use serde_json::{Value, json};

use super::{DOWN, ENTER};

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

/// The sets after-the-conversation follows.
pub const FOLLOWED: [&str; 3] = ["five-tips", "desire-behind-the-request", "opening-the-conversation"];

/// A built-in set as the test reads it, straight from its file.
pub fn built_in(id: &str) -> toml::Table {
    let path = format!("{}/prompts/{id}.toml", env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn in_lang<'a>(text: &'a toml::Value, lang: &str) -> &'a str {
    text.as_str().unwrap_or_else(|| text[lang].as_str().unwrap())
}

/// The answers to one run of a set.
pub struct Planned {
    /// As an answers file.
    pub answers: toml::Table,
    /// As typed, a string of keys for each prompt asked, in order.
    pub keys: Vec<String>,
    /// As the journal records them.
    pub records: Vec<Value>,
}

/// Answers for every prompt of `set` that will be asked in `lang`, looking
/// back on a reflection of the set `follows`. Confirms are answered `yes`,
/// and choices take the first option with a yes and the second without,
/// so both branches of every `when` are taken across two runs.
pub fn plan(set: &toml::Table, lang: &str, yes: bool, follows: Option<&str>) -> Planned {
    let mut planned = Planned { answers: toml::Table::new(), keys: Vec::new(), records: Vec::new() };
    let mut shown: Vec<(String, String)> = Vec::new();
    for prompt in set["prompts"].as_array().unwrap() {
        let id = prompt["id"].as_str().unwrap();
        let asked = match prompt.get("when") {
            None => true,
            Some(when) if when.get("follows").is_some() => when["follows"].as_str() == follows,
            Some(when) => planned.answers.get(when["prompt"].as_str().unwrap()) == Some(&when["equals"]),
        };
        if !asked {
            continue;
        }
        let (value, record, words, keys) = answer(prompt, lang, yes);
        let mut question = in_lang(&prompt["ask"], lang).to_owned();
        for (earlier, words) in &shown {
            question = question.replace(&format!("{{{earlier}}}"), words);
        }
        let mut record = json!({ "prompt": id, "kind": prompt["kind"], "question": question, "answer": record });
        if let Some(max) = prompt.get("max") {
            record["range"] = json!([prompt["min"].as_integer().unwrap(), max.as_integer().unwrap()]);
        }
        planned.records.push(record);
        planned.keys.push(keys);
        shown.push((id.to_owned(), words));
        planned.answers.insert(id.to_owned(), value);
    }
    planned
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
