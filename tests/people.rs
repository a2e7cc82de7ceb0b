//! The people reflected on: the prompt a set marks as naming the other
//! person, and the name each entry records.

mod common;

use common::{FIVE_TIPS, Home};

#[test]
fn an_entry_records_the_person_as_written() {
    let home = Home::new();
    let answers = FIVE_TIPS.replace("counterpart = \"Anna\"", "counterpart = \"  Anna de Vries \"");
    home.save("five-tips", &answers, &[]);
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["person"], "Anna de Vries");
    // A set without a person prompt records none.
    let sharp = "agreed = \"x\"\nhappened = \"x\"\ncomfort-zone = [\"habit\"]\nown-part = \"x\"\nsharp = \"x\"\n\
                 approach = \"team\"\nplan = \"x\"\nresolve = 7\n";
    home.save("keeping-each-other-sharp", sharp, &[]);
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["set"], "keeping-each-other-sharp");
    assert!(entry.get("person").is_none(), "{entry}");
}

#[test]
fn every_built_in_set_that_asks_for_a_person_marks_that_prompt() {
    let home = Home::new();
    for (set, prompt) in
        [("five-tips", "counterpart"), ("desire-behind-the-request", "who"), ("opening-the-conversation", "client")]
    {
        let shown = home.stdout(&["sets", "show", set]);
        assert!(shown.contains(&format!("[{prompt}: text, the person]")), "{set}: {shown}");
        assert!(shown.contains(", recalled]"), "{set} marks answers worth recalling: {shown}");
    }
}
