//! A full screen, for `browse`: the terminal in raw mode on its alternate
//! screen, clicks and the wheel reported and the cursor hidden, given back
//! exactly as it was on every way out: leaving, an error, a panic (before
//! its message is written), and Ctrl-C, a closed terminal or a request to
//! stop, which reach `say_stopped` through the interrupt handler. Ctrl-Z
//! (or a stop asked from outside) gives it back too before bezin stops,
//! and takes it again when bezin goes on. What is drawn is in its visible
//! form already: every text from the journal enters the screen through
//! `shown` or `one_line`, as it enters the guard everywhere else.

mod input;

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::SIGTSTP;

use input::{Input, MouseReport};

/// The most columns and rows drawn: a terminal larger than any screen
/// (its size is the pty's to say, up to 65535 by 65535) is drawn in its
/// top left corner, so a frame never holds more cells than this.
const LARGEST: (u16, u16) = (500, 200);

/// Whether the screen is open, so the terminal is bezin's to give back.
static OPEN: AtomicBool = AtomicBool::new(false);

/// Held while a frame is written and while the terminal is given back, so
/// that a signal never leaves half a frame after the terminal's own state.
static WRITING: Mutex<()> = Mutex::new(());

/// The open screen; the terminal is given back when it goes.
pub struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    input: Input,
    /// Set by a stop asked from outside (SIGTSTP), while the screen is open.
    stop_asked: Arc<AtomicBool>,
    stop_hook: signal_hook::SigId,
}

impl Screen {
    /// Takes the terminal: raw mode, the alternate screen, the mouse, no cursor.
    #[allow(clippy::disallowed_methods)]
    pub fn open() -> io::Result<Screen> {
        restore_before_a_panic();
        let stop_asked = Arc::new(AtomicBool::new(false));
        let stop_hook = signal_hook::flag::register(SIGTSTP, Arc::clone(&stop_asked))?;
        let opened = take().and_then(|()| {
            let options = TerminalOptions { viewport: Viewport::Fixed(drawn_area()?) };
            Terminal::with_options(CrosstermBackend::new(io::stdout()), options)
        });
        match opened {
            Ok(terminal) => Ok(Screen { terminal, input: Input::default(), stop_asked, stop_hook }),
            Err(err) => {
                restore();
                signal_hook::low_level::unregister(stop_hook);
                Err(err)
            }
        }
    }

    /// Draws a frame, over the terminal's size as it is now (at most
    /// `LARGEST`); an error once the screen was given back meanwhile.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        let area = drawn_area()?;
        let _held = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !OPEN.load(Ordering::SeqCst) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        if area != self.terminal.get_frame().area() {
            self.terminal.resize(area)?;
        }
        self.terminal.draw(render).map(drop)
    }

    /// The next key, mouse event or change of size, read through the
    /// screen, so that only an open screen reads them; `None` when `wait`
    /// passed without one. When bezin goes on after a stop, the screen is
    /// to be drawn whole again, as after a change of size.
    pub fn next_event(&mut self, wait: Duration) -> io::Result<Option<Event>> {
        if self.stop_asked.swap(false, Ordering::SeqCst) {
            return self.stop().map(Some);
        }
        match self.input.next(wait)? {
            Some(Event::Key(KeyEvent { code: KeyCode::Char('z'), modifiers, .. }))
                if modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.stop().map(Some)
            }
            event => Ok(event),
        }
    }

    /// Stops bezin as Ctrl-Z does in line mode: the terminal given back
    /// first, and taken again, every cell to be drawn, when bezin goes on.
    fn stop(&mut self) -> io::Result<Event> {
        restore();
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        take()?;
        let area = drawn_area()?;
        self.terminal.resize(area)?;
        Ok(Event::Resize(area.width, area.height))
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
        signal_hook::low_level::unregister(self.stop_hook);
    }
}

/// The terminal's size, as much of it as is drawn.
fn drawn_area() -> io::Result<Rect> {
    let (columns, rows) = terminal::size()?;
    Ok(Rect::new(0, 0, columns.min(LARGEST.0), rows.min(LARGEST.1)))
}

/// Raw mode, the alternate screen, clicks and the wheel, no cursor.
#[allow(clippy::disallowed_methods)]
fn take() -> io::Result<()> {
    let _held = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    terminal::enable_raw_mode()?;
    OPEN.store(true, Ordering::SeqCst);
    let taken = execute!(io::stdout(), EnterAlternateScreen, MouseReport::On, cursor::Hide);
    if taken.is_err() {
        give_back();
    }
    taken
}

/// Gives the terminal back if a screen holds it, after the frame being drawn.
pub fn restore() {
    let _held = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    give_back();
}

/// Mouse off, the cursor shown, the main screen back, and line mode.
#[allow(clippy::disallowed_methods)]
fn give_back() {
    if OPEN.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), MouseReport::Off, cursor::Show, LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

/// A panic gives the terminal back before its message is written, so the
/// message lands on the main screen. The panicking thread may be the one
/// drawing, which holds the lock: the terminal is given back without it.
fn restore_before_a_panic() {
    static HOOKED: Once = Once::new();
    HOOKED.call_once(|| {
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            give_back();
            earlier(info);
        }));
    });
}
