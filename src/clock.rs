//! The time of day and the time zone entries are written in: the system's,
//! unless `TZ` names something bezin cannot read quickly and safely (a
//! FIFO, a device, a path out of the zone folder, a file of any size) or a
//! UTC offset that RFC 3339 cannot write (beyond ±23:59, or with seconds);
//! then UTC, and bezin says so once.

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
        let zone = match TimeZone::try_system() {
            Ok(zone) => zone,
            Err(_) if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) => {
                crate::tell!("bezin: warning: TZ='{}' is not a time zone bezin knows; times are in UTC", tz_text());
                return TimeZone::UTC;
            }
            Err(_) => return TimeZone::UTC,
        };
        if let Some(problem) = offset_problem(&zone) {
            crate::tell!("bezin: warning: {problem}; times are in UTC");
            return TimeZone::UTC;
        }
        zone
    })
}

/// What is wrong with the zone's UTC offset now, if RFC 3339 cannot write it.
fn offset_problem(zone: &TimeZone) -> Option<String> {
    let offset = zone.to_offset(Timestamp::now());
    let seconds = offset.seconds();
    if seconds.abs() <= 23 * 3600 + 59 * 60 && seconds % 60 == 0 {
        return None;
    }
    Some(format!(
        "TZ='{}' gives the UTC offset {offset}, which an entry's time cannot carry (whole minutes from -23:59 to +23:59)",
        tz_text()
    ))
}

/// `TZ` as it is set, to quote.
fn tz_text() -> String {
    std::env::var_os("TZ").unwrap_or_default().to_string_lossy().into_owned()
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
