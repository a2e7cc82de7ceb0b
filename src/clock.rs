//! The time of day and the time zone entries are written in: the system's,
//! unless `TZ` names something bezin cannot read quickly and safely (a
//! FIFO, a device, a path out of the zone folder, a file of any size); then
//! UTC, and bezin says so once.

use std::path::Path;
use std::sync::OnceLock;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// The largest time zone file bezin reads; real ones are a few kilobytes.
const LARGEST_ZONE_FILE: u64 = 1024 * 1024;

/// The time zone in force.
pub fn zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        if let Some(problem) = tz_problem() {
            crate::tell!("bezin: warning: {problem}; times are in UTC");
            return TimeZone::UTC;
        }
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    })
}

/// What is wrong with `TZ`, if anything.
fn tz_problem() -> Option<String> {
    let tz = std::env::var_os("TZ").filter(|tz| !tz.is_empty())?;
    let text = tz.to_string_lossy();
    let name = text.strip_prefix(':').unwrap_or(&text);
    if name.split('/').any(|part| part == "..") {
        return Some(format!("TZ='{text}' leaves the time zone folder"));
    }
    let readable =
        |path: &Path| std::fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() <= LARGEST_ZONE_FILE);
    if name.starts_with('/') && !readable(Path::new(name)) {
        return Some(format!("TZ='{text}' is not a time zone file bezin can read"));
    }
    None
}

/// Now, in the time zone in force.
pub fn now() -> ZonedDateTime {
    Timestamp::now().to_zoned_datetime(zone().clone())
}

/// Now as entries record it: RFC 3339 with the UTC offset.
pub fn stamp() -> String {
    now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The moment a stamp of `stamp`'s form names, for comparing times across
/// UTC offsets (as strings, 09:00+01:00 would sort after 08:30+00:00);
/// a stamp that does not read is the earliest moment.
pub fn moment(stamp: &str) -> Timestamp {
    stamp.parse().unwrap_or(Timestamp::MIN)
}
