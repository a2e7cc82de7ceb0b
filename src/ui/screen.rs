//! A full screen, for `browse`: the terminal in raw mode on its alternate
//! screen, the mouse reported and the cursor hidden, given back exactly as
//! it was on every way out: leaving, an error, a panic (before its message
//! is written), and Ctrl-C, a closed terminal or a request to stop, which
//! reach `say_stopped` through the interrupt handler. What is drawn is in
//! its visible form already: every text from the journal enters the screen
//! through `shown` or `one_line`, as it enters the guard everywhere else.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Whether the screen is open, so the terminal is bezin's to give back.
static OPEN: AtomicBool = AtomicBool::new(false);

/// Held while a frame is written and while the terminal is given back, so
/// that a signal never leaves half a frame after the terminal's own state.
static WRITING: Mutex<()> = Mutex::new(());

/// The open screen; the terminal is given back when it goes.
pub struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Screen {
    /// Takes the terminal: raw mode, the alternate screen, the mouse, no cursor.
    #[allow(clippy::disallowed_methods)]
    pub fn open() -> io::Result<Screen> {
        restore_before_a_panic();
        let held = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        terminal::enable_raw_mode()?;
        OPEN.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        let opened = execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)
            .and_then(|()| Terminal::new(CrosstermBackend::new(out)));
        drop(held);
        match opened {
            Ok(terminal) => Ok(Screen { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }

    /// Draws a frame; an error once the screen was given back meanwhile.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        let _held = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !OPEN.load(Ordering::SeqCst) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        self.terminal.draw(render).map(drop)
    }

    /// The next key, mouse event or change of size: read through the
    /// screen, so that only an open screen reads them.
    #[allow(clippy::unused_self)]
    pub fn next_event(&self) -> io::Result<Event> {
        crossterm::event::read()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
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
        let _ = execute!(io::stdout(), DisableMouseCapture, cursor::Show, LeaveAlternateScreen);
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
