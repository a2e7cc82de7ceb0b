//! The screen drawn: a line of counts and filters at the top, the list
//! and the entry side by side (below 80 columns, the pane with the focus
//! alone), and the help line, a field typed into, the export's question
//! or a note at the bottom; or every key. The chosen entry has a mark and
//! is in reverse video, and an entry marked to export has a tick, so both
//! show without colour too; what a search finds is underlined.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::export::Asking;
use super::state::{Browse, Field, Focus};
use crate::search::Query;
use crate::ui::{self, Look, Page};

/// The narrowest terminal that shows the list and the entry side by side.
const SIDE_BY_SIDE: u16 = 80;
/// The narrowest the list is beside the entry.
const NARROWEST_LIST: u16 = 38;

/// Columns and rows too few to draw anything in.
const TOO_SMALL: (u16, u16) = (20, 4);

/// The lines of the page drawn last, and what they were drawn for.
#[derive(Default)]
pub struct Drawing {
    made_for: Option<(usize, bool, u16, String, bool)>,
    lines: Vec<Line<'static>>,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, browse: &mut Browse, drawing: &mut Drawing, colors: bool) {
    let area = frame.area();
    browse.drawn.width = area.width;
    frame.render_widget(Clear, area);
    // Smaller than any terminal it is laid out for: nothing to fit in it.
    if area.width < TOO_SMALL.0 || area.height < TOO_SMALL.1 {
        return;
    }
    if browse.help {
        draw_keys(frame, browse, area);
        return;
    }
    let header = Rect { height: 1, ..area };
    let footer = Rect { y: area.bottom().saturating_sub(1), height: 1, ..area };
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(2), ..area };
    frame.render_widget(Paragraph::new(header_line(browse)), header);
    frame.render_widget(Paragraph::new(footer_line(browse, colors)), footer);
    let (list, entry) = if area.width >= SIDE_BY_SIDE {
        let width = NARROWEST_LIST.max(area.width / 5 * 2);
        (Rect { width, ..body }, Rect { x: body.x + width + 1, width: body.width - width - 1, ..body })
    } else if browse.focus == Focus::List {
        (body, Rect::default())
    } else {
        (Rect::default(), body)
    };
    browse.drawn.list = list;
    browse.drawn.entry = entry;
    if list.width > 0 {
        draw_list(frame, browse, list);
    }
    if list.width > 0 && entry.width > 0 {
        let bar = Rect { x: list.right(), width: 1, ..body };
        let rows: Vec<Line> = (0..bar.height).map(|_| Line::raw("│")).collect();
        frame.render_widget(Paragraph::new(rows).style(dim(colors)), bar);
    }
    if entry.width > 0 {
        draw_entry(frame, browse, drawing, entry, colors);
    }
}

/// The count of entries shown, and the search and filters in force.
fn header_line(browse: &Browse) -> String {
    let words = browse.lang.browse();
    let all = browse.shelf.len();
    let mut parts =
        vec![if browse.view.len() == all { (words.entries)(all) } else { (words.some_of)(browse.view.len(), all) }];
    if !browse.shelf.complete {
        parts.push(words.reading.to_owned());
    }
    if browse.search.as_ref().is_some_and(|search| !search.done) {
        parts.push(words.searching.to_owned());
    }
    if !browse.marked.is_empty() {
        parts.push((words.marked)(browse.marked.len()));
    }
    let newer = browse.damaged.iter().filter(|damaged| damaged.newer).count();
    if browse.damaged.len() > newer {
        parts.push((words.damaged)(browse.damaged.len() - newer, &crate::shell::command("check")));
    }
    if newer > 0 {
        parts.push((words.newer)(newer));
    }
    for field in [Field::Search, Field::Person, Field::Set, Field::Tag, Field::Days] {
        let text = typed(browse, field);
        if !text.is_empty() {
            parts.push(format!("{}: {}", label(browse, field), ui::one_line(text)));
        }
    }
    fit(&ui::one_line(&parts.join(" · ")), usize::from(browse.drawn.width))
}

fn footer_line(browse: &Browse, colors: bool) -> Line<'static> {
    let width = usize::from(browse.drawn.width);
    let words = browse.lang.browse();
    if let Some((field, _)) = browse.typing {
        return typing_line(browse, &format!("{}: {}", label(browse, field), ui::one_line(typed(browse, field))));
    }
    match (&browse.asking, &browse.note) {
        (Some(Asking::Path(path)), _) => typing_line(browse, &format!("{}: {}", words.export_to, ui::one_line(path))),
        (Some(Asking::Replace(path)), _) => {
            let keys = [browse.lang.words().yes, browse.lang.words().no].map(|word| word.chars().next().unwrap_or('?'));
            let question = format!("{} ({}/{})", (words.replace)(&ui::one_line(path)), keys[0], keys[1]);
            Line::styled(ui::truncate_start(&question, width), Style::new().add_modifier(Modifier::BOLD))
        }
        (None, Some(note)) => Line::styled(fit(&ui::one_line(note), width), Style::new().add_modifier(Modifier::BOLD)),
        (None, None) => Line::styled(fit(words.help_line, width), dim(colors)),
    }
}

/// A field typed into: the end of what is typed stays in sight, a block
/// marks where the next letter goes, and a note (days that are no day yet)
/// follows in what is left.
fn typing_line(browse: &Browse, text: &str) -> Line<'static> {
    let width = usize::from(browse.drawn.width);
    let shown = ui::truncate_start(text, width.saturating_sub(1));
    let left = width.saturating_sub(ui::width_of(&shown) + 3);
    let note = browse.note.as_deref().map(|note| format!("  {}", fit(&ui::one_line(note), left))).unwrap_or_default();
    let block = Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED));
    Line::from(vec![Span::raw(shown), block, Span::styled(note, Style::new().add_modifier(Modifier::BOLD))])
}

fn typed<'b>(browse: &'b Browse, field: Field) -> &'b str {
    let filters = &browse.filters;
    match field {
        Field::Search => &filters.search,
        Field::Person => &filters.person,
        Field::Set => &filters.set,
        Field::Tag => &filters.tag,
        Field::Days => &filters.days,
    }
}

fn label(browse: &Browse, field: Field) -> &'static str {
    let words = browse.lang.browse();
    match field {
        Field::Search => words.search,
        Field::Person => words.person,
        Field::Set => words.set,
        Field::Tag => words.tag,
        Field::Days => words.dates,
    }
}

/// The entries around the chosen one: its date, person, set and title.
fn draw_list(frame: &mut Frame, browse: &mut Browse, area: Rect) {
    let height = usize::from(area.height);
    if browse.view.is_empty() {
        let none = browse.lang.browse().none_match;
        frame.render_widget(Paragraph::new(fit(none, usize::from(area.width))), area);
        return;
    }
    browse.top = browse.top.min(browse.at).max((browse.at + 1).saturating_sub(height));
    let width = usize::from(area.width);
    // After the marks and the date, a quarter of what is left for the person and for the set.
    let rest = width.saturating_sub(3 + 11);
    let (person, set) = ((rest / 4).min(16), (rest / 4).min(18));
    let lines: Vec<Line> = browse.view[browse.top..]
        .iter()
        .take(height)
        .enumerate()
        .map(|(n, &at)| {
            let row = browse.shelf.row(at);
            let chosen = browse.top + n == browse.at;
            let mark = if chosen { '❯' } else { ' ' };
            let tick = if browse.marked.contains(&*row.id) { '✓' } else { ' ' };
            let text = format!(
                "{mark}{tick} {} {} {} {}",
                ui::pad(&fit(&row.date, 10), 10),
                ui::pad(&fit(browse.shelf.person_name(at), person.saturating_sub(1)), person.saturating_sub(1)),
                ui::pad(&fit(browse.shelf.set(at), set.saturating_sub(1)), set.saturating_sub(1)),
                row.title
            );
            let text = ui::pad(&fit(&text, width), width);
            // In reverse video while the list has the focus; the mark shows it always.
            match (chosen, browse.focus) {
                (true, Focus::List) => Line::styled(text, Style::new().add_modifier(Modifier::REVERSED)),
                (true, Focus::Entry) => Line::styled(text, Style::new().add_modifier(Modifier::BOLD)),
                (false, _) => Line::raw(text),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The chosen entry as `show` gives it, or its person's timeline, scrolled.
fn draw_entry(frame: &mut Frame, browse: &mut Browse, drawing: &mut Drawing, area: Rect, colors: bool) {
    let Some(at) = browse.selected() else { return };
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let made_for = (at, browse.timeline, inner.width, browse.filters.search.clone(), browse.shelf.complete);
    if drawing.made_for.as_ref() != Some(&made_for) {
        let page = page(browse, at, Some(usize::from(inner.width))).unwrap_or_else(|err| {
            let mut page = Page::default();
            page.text(Look::Dim, &format!("{err:#}"));
            page
        });
        drawing.lines = lines(&page, browse.ready.query(), colors);
        drawing.made_for = Some(made_for);
    }
    let height = usize::from(inner.height);
    browse.scroll = browse.scroll.min(drawing.lines.len().saturating_sub(height));
    let shown: Vec<Line> = drawing.lines.iter().skip(browse.scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The page of the entry at `at`, or of its person's timeline, read from the journal.
fn page(browse: &Browse, at: usize, width: Option<usize>) -> anyhow::Result<Page> {
    if browse.timeline
        && let Some(page) = browse.shelf.timeline(at, browse.catalog, width, browse.lang.words())?
    {
        return Ok(page);
    }
    let linked = browse.shelf.with_links(at)?;
    Ok(crate::pages::entry(&linked.entry, &linked.links(), browse.catalog, width, browse.lang))
}

/// A page as lines to draw, what the search finds underlined in them.
fn lines(page: &Page, query: Option<&Query>, colors: bool) -> Vec<Line<'static>> {
    page.lines()
        .iter()
        .map(|pieces| {
            let mut spans = Vec::new();
            for piece in pieces {
                let style = look(piece.look, colors);
                let Some(query) = query else {
                    spans.push(Span::styled(piece.text.clone(), style));
                    continue;
                };
                let mut rest = piece.text.as_str();
                while let Some(found) = query.find(rest).filter(|found| !found.is_empty()) {
                    spans.push(Span::styled(rest[..found.start].to_owned(), style));
                    spans.push(Span::styled(rest[found.clone()].to_owned(), highlight(colors)));
                    rest = &rest[found.end..];
                }
                spans.push(Span::styled(rest.to_owned(), style));
            }
            Line::from(spans)
        })
        .collect()
}

/// Every key and what it does, over the whole screen.
fn draw_keys(frame: &mut Frame, browse: &Browse, area: Rect) {
    let words = browse.lang.browse();
    let width = usize::from(area.width);
    let widest = words.keys.iter().map(|(keys, _)| ui::width_of(keys)).max().unwrap_or(0);
    let mut lines = vec![Line::styled(words.keys_heading, Style::new().add_modifier(Modifier::BOLD))];
    for (keys, what) in words.keys {
        lines.push(Line::raw(fit(&format!(" {}  {what}", ui::pad(keys, widest)), width)));
    }
    lines.push(Line::raw(fit(words.any_key, width)));
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` cut to `width` columns.
fn fit(text: &str, width: usize) -> String {
    ui::truncate(text, width)
}

fn look(look: Look, colors: bool) -> Style {
    match (look, colors) {
        (_, false) | (Look::Plain, _) => Style::new(),
        (Look::Bold, true) => Style::new().add_modifier(Modifier::BOLD),
        (Look::Dim, true) => dim(true),
        (Look::Accent, true) => Style::new().fg(Color::Yellow),
    }
}

fn dim(colors: bool) -> Style {
    if colors { Style::new().add_modifier(Modifier::DIM) } else { Style::new() }
}

/// What a search finds: underlined, and in colour where there is colour.
fn highlight(colors: bool) -> Style {
    let style = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    if colors { style.fg(Color::Red) } else { style }
}
