//! How an entry and a person's timeline read on the screen, as pages of
//! lines: `show` and `about` print them, and `browse` draws them in its
//! pane, so that each reads alike wherever it is shown.

mod entry;
mod timeline;

pub use entry::{Links, entry};
pub use timeline::{Heading, timeline, timeline_page};
