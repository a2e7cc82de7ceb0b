//! Tables that line up their columns and fit the terminal.

use std::io::Write;

use super::width::{truncate, width_of};
use super::{accent, bold, one_line, plain, stdout_width, tint};

/// A column of a table: its header, whether it may be cut to fit the
/// terminal, and its colour.
pub struct Column {
    header: &'static str,
    shrinks: bool,
    /// May be left out when even the narrowed table is too wide.
    optional: bool,
    /// Gives its room to the other columns first.
    yields: bool,
    paint: fn(&str) -> String,
}

impl Column {
    pub fn fixed(header: &'static str) -> Column {
        Column { header, shrinks: false, optional: false, yields: false, paint: plain }
    }
    pub fn flexible(header: &'static str) -> Column {
        Column { header, shrinks: true, optional: false, yields: false, paint: plain }
    }
    pub fn id(header: &'static str) -> Column {
        Column { header, shrinks: false, optional: false, yields: false, paint: accent }
    }
    pub fn tags(header: &'static str) -> Column {
        Column { header, shrinks: true, optional: false, yields: false, paint: tint }
    }
    /// The same column, left out on a terminal too narrow for it.
    pub fn optional(self) -> Column {
        Column { optional: true, ..self }
    }
    /// The same column, narrowed before the others, so that the one that
    /// matters most (a title) keeps the width it needs.
    pub fn yields(self) -> Column {
        Column { yields: true, ..self }
    }
}

/// Rows under a header (none when every header is empty), columns lined up,
/// each cell on one line in its visible form; on a terminal, the flexible
/// columns are cut (with an ellipsis) so that every row fits on a line.
pub fn table<const N: usize>(out: &mut impl Write, columns: &[Column; N], rows: &[[String; N]]) -> std::io::Result<()> {
    let rows: Vec<[String; N]> =
        rows.iter().map(|row| row.each_ref().map(|cell| one_line(cell).into_owned())).collect();
    let mut widths = columns.each_ref().map(|column| width_of(column.header));
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(width_of(cell));
        }
    }
    if let Some(room) = stdout_width() {
        fit(&mut widths, columns, room);
    }
    let line = |cells: &[String; N], header: bool| {
        let shown: Vec<usize> = (0..N).filter(|&n| widths[n] > 0).collect();
        let mut text = String::new();
        for (i, &n) in shown.iter().enumerate() {
            let cut = truncate(&cells[n], widths[n]);
            let padding = if i + 1 == shown.len() { 0 } else { widths[n].saturating_sub(width_of(&cut)) + 2 };
            text += &match (header, cut.is_empty()) {
                (_, true) => String::new(),
                (true, false) => bold(&cut),
                (false, false) => (columns[n].paint)(&cut),
            };
            text += &" ".repeat(padding);
        }
        text.trim_end().to_owned()
    };
    if columns.iter().any(|column| !column.header.is_empty()) {
        writeln!(out, "{}", line(&columns.each_ref().map(|column| column.header.to_owned()), true))?;
    }
    for row in &rows {
        writeln!(out, "{}", line(row, false))?;
    }
    Ok(())
}

/// Narrows the widest flexible column, a step at a time, until the row fits
/// in `room`: first the columns that yield, then every column down to a
/// comfortable width (wider where other columns yield to it), then,
/// leaving out optional columns (the last first; its width becomes 0),
/// down to a few characters.
/// On a terminal narrower still, every column narrows, and the last ones
/// are left out, until the row fits.
fn fit(widths: &mut [usize], columns: &[Column], room: usize) {
    let natural = widths.to_vec();
    let total = |widths: &[usize]| {
        let shown = widths.iter().filter(|&&w| w > 0).count();
        widths.iter().sum::<usize>() + 2 * shown.saturating_sub(1)
    };
    let narrow = |widths: &mut [usize], floor: usize, any: bool| {
        while total(widths) > room {
            let narrowing = (0..widths.len()).filter(|&n| (any || columns[n].shrinks) && widths[n] > floor);
            match narrowing.max_by_key(|&n| widths[n]) {
                Some(n) => widths[n] -= 1,
                None => return,
            }
        }
    };
    let leave_out = |widths: &mut [usize], which: &dyn Fn(usize) -> bool| {
        match (0..widths.len()).rev().find(|&n| which(n) && widths[n] > 0) {
            Some(n) => widths[n] = 0,
            None => return false,
        }
        true
    };
    let yielding: Vec<bool> = columns.iter().map(|column| column.yields).collect();
    while total(widths) > room {
        let narrowing = (0..widths.len()).filter(|&n| yielding[n] && columns[n].shrinks && widths[n] > 10);
        match narrowing.max_by_key(|&n| widths[n]) {
            Some(n) => widths[n] -= 1,
            None => break,
        }
    }
    // A table whose other columns yield keeps its main one readable before it cuts deeper.
    let comfort = if yielding.contains(&true) { 30 } else { 16 };
    narrow(widths, comfort, false);
    while total(widths) > room && leave_out(widths, &|n| columns[n].optional) {
        narrow(widths, comfort, false);
    }
    narrow(widths, 6, false);
    narrow(widths, 1, true);
    while total(widths) > room && widths.iter().filter(|&&w| w > 0).count() > 1 {
        leave_out(widths, &|_| true);
    }
    // Room left over goes back to the columns shown that were narrowed.
    while total(widths) < room {
        match (0..widths.len()).find(|&n| widths[n] > 0 && widths[n] < natural[n]) {
            Some(n) => widths[n] += 1,
            None => break,
        }
    }
}
