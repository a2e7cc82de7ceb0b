//! The whole behaviour suite a second time, on an encrypted journal: every
//! home starts encrypted, and the helpers encrypt what a test writes as the
//! journal and decrypt what it reads with the age crate alone. A test that
//! is about the plain file itself says so and stops at its start.
//!
//! Each file below brings its own copy of the test helpers, as it does
//! when it runs on its own.
#![allow(clippy::duplicate_mod)]

#[path = "answers.rs"]
mod answers;
#[path = "change.rs"]
mod change;
#[path = "export.rs"]
mod export;
#[path = "hostile.rs"]
mod hostile;
#[path = "integrity.rs"]
mod integrity;
#[path = "limits.rs"]
mod limits;
#[path = "looking_back.rs"]
mod looking_back;
#[path = "people.rs"]
mod people;
#[path = "review.rs"]
mod review;
#[path = "run.rs"]
mod run;
#[path = "safety.rs"]
mod safety;
#[path = "terminal.rs"]
mod terminal;
