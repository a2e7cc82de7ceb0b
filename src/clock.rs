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
            crate::tell!("{}", (crate::lang::interface().environment().times_in_utc)(&problem));
            return TimeZone::UTC;
        }
        let zone = match local_zone().map_or_else(TimeZone::try_system, Ok) {
            Ok(zone) => zone,
            Err(_) if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) => {
                crate::tell!(
                    "{}",
                    (crate::lang::interface().environment().times_in_utc)(&(crate::lang::interface()
                        .environment()
                        .tz_unknown)(
                        &tz_text()
                    ))
                );
                return TimeZone::UTC;
            }
            Err(_) => return TimeZone::UTC,
        };
        if let Some(problem) = offset_problem(&zone) {
            crate::tell!("{}", (crate::lang::interface().environment().times_in_utc)(&problem));
            return TimeZone::UTC;
        }
        zone
    })
}

/// The zone of `/etc/localtime` when `TZ` is not set, read straight from
/// its file: finding it by name in the zone database would list the whole
/// database first, which costs more than the rest of a `list`.
fn local_zone() -> Option<TimeZone> {
    use std::io::Read;
    const LOCALTIME: &str = "/etc/localtime";
    if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) {
        return None;
    }
    let target = std::fs::read_link(LOCALTIME).ok()?;
    let target = target.to_str()?;
    let name = &target[target.rfind("zoneinfo/")? + "zoneinfo/".len()..];
    let mut data = Vec::new();
    let file = std::fs::File::open(LOCALTIME).ok()?;
    file.take(LARGEST_ZONE_FILE + 1).read_to_end(&mut data).ok()?;
    if data.len() as u64 > LARGEST_ZONE_FILE {
        return None;
    }
    TimeZone::tzif(name, &data).ok()
}

/// What is wrong with the zone's UTC offset now, if RFC 3339 cannot write it.
fn offset_problem(zone: &TimeZone) -> Option<String> {
    let offset = zone.to_offset(Timestamp::now());
    let seconds = offset.seconds();
    if seconds.abs() <= 23 * 3600 + 59 * 60 && seconds % 60 == 0 {
        return None;
    }
    Some((crate::lang::interface().environment().tz_offset_unfit)(&tz_text(), &offset.to_string()))
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
        return Some((crate::lang::interface().environment().tz_leaves_folder)(&text));
    }
    let readable =
        |path: &Path| std::fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() <= LARGEST_ZONE_FILE);
    if name.starts_with('/') && !readable(Path::new(name)) {
        return Some((crate::lang::interface().environment().tz_unreadable_file)(&text));
    }
    None
}

/// Now, in the time zone in force.
pub fn now() -> ZonedDateTime {
    Timestamp::now().to_zoned_datetime(zone().clone())
}

/// Now as entries record it: RFC 3339 with the UTC offset (`is_stamp`).
pub fn stamp() -> String {
    now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Whether `text` is a time as entries record it: RFC 3339 with seconds
/// (and maybe a fraction), `Z` or an offset of whole minutes from -23:59 to
/// +23:59, and no time zone name; what other tools and older readers take.
pub fn is_stamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let number = |at: usize, most: u32| {
        let digits = bytes.get(at..at + 2).filter(|d| d.iter().all(u8::is_ascii_digit));
        digits.is_some_and(|d| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0') <= most)
    };
    let date = bytes.len() >= 20 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-' && bytes[7] == b'-';
    let time = bytes.get(10) == Some(&b'T') && bytes.get(13) == Some(&b':') && bytes.get(16) == Some(&b':');
    if !(date && time && number(5, 12) && number(8, 31) && number(11, 23) && number(14, 59) && number(17, 59)) {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    let offset = rest.as_bytes();
    let zone = rest == "Z"
        || (offset.len() == 6
            && matches!(offset[0], b'+' | b'-')
            && offset[3] == b':'
            && number(text.len() - 5, 23)
            && number(text.len() - 2, 59));
    zone && text.parse::<Timestamp>().is_ok()
}

/// The moment a stamp of `stamp`'s form names, for comparing times across
/// UTC offsets (as strings, 09:00+01:00 would sort after 08:30+00:00);
/// a stamp that does not read is the earliest moment.
pub fn moment(stamp: &str) -> Timestamp {
    stamp.parse().unwrap_or(Timestamp::MIN)
}

#[cfg(test)]
mod tests {
    use super::is_stamp;

    #[test]
    fn a_stamp_is_rfc_3339_with_an_offset_within_a_day() {
        for good in
            ["2026-11-24T09:15:02+01:00", "2026-11-24T09:15:02.5Z", "2026-11-24T09:15:02-23:59", &super::stamp()]
        {
            assert!(is_stamp(good), "{good}");
        }
        for bad in [
            "2026-11-24T09:15:02+25:59",
            "2026-11-24T09:15:02-24:00",
            "2026-11-24T09:15:02+05:30:00",
            "2026-11-24T10:00+05:30",
            "2026-11-24T09:15:02+0530",
            "2026-11-24T10:00:60Z",
            "2026-11-24T09:15:02+01:00[Europe/Amsterdam]",
            "2026-11-24 09:15:02+01:00",
            "2026-13-24T09:15:02Z",
            "2026-11-24T09:15:02.Z",
        ] {
            assert!(!is_stamp(bad), "{bad}");
        }
    }
}
