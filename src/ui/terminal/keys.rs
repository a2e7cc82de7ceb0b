//! What a widget waits for: a key, or the terminal's new size. console
//! reads keys well, but waits for them in a way that takes any signal for
//! Ctrl-C, so a change of size could not end the wait. Here the wait is
//! bezin's own: the terminal in raw mode as console puts it (its output
//! left alone, so a drawn "\n" still starts a row, and nothing typed ahead
//! thrown away), until a key arrives or the size changes (SIGWINCH, told
//! through a pipe). A key that has arrived is then read by console, whole.
//! Every widget waits here: once the signal is heard, console's own wait
//! would take a change of size for Ctrl-C.

use std::cell::OnceCell;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;

use console::{Key, Term};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::{self, SetArg, Termios};
use signal_hook::consts::{SIGINT, SIGWINCH};

/// What ended a wait.
pub(super) enum Event {
    Key(Key),
    /// The terminal changed its size: what is drawn is to be drawn again.
    Resized,
}

/// What Ctrl-C does while a widget waits.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum CtrlC {
    /// It comes as a key, so that the widget can keep what was typed.
    Key,
    /// It stops bezin, as the signal does.
    Stops,
}

/// The keys typed, and the changes of size while waiting for them.
#[derive(Default)]
pub(super) struct Keys {
    /// Heard from the first wait on; none where the signal cannot be.
    resizes: OnceCell<Option<Resizes>>,
}

/// A pipe that gets a byte at every change of the terminal's size.
struct Resizes {
    pipe: UnixStream,
    hook: signal_hook::SigId,
}

impl Keys {
    /// The next key, or a change of size that came first.
    pub(super) fn next(&self, term: &Term, ctrl_c: CtrlC) -> io::Result<Event> {
        let stdin = io::stdin();
        let before = termios::tcgetattr(&stdin)?;
        termios::tcsetattr(&stdin, SetArg::TCSADRAIN, &raw(&before))?;
        let event = match self.wait() {
            Ok(true) => Ok(Event::Resized),
            Ok(false) => term.read_key_raw().map(Event::Key),
            Err(err) => Err(err),
        };
        termios::tcsetattr(&stdin, SetArg::TCSADRAIN, &before)?;
        match event? {
            Event::Key(Key::CtrlC) if ctrl_c == CtrlC::Stops => stop(),
            event => Ok(event),
        }
    }

    /// Waits until a key has arrived (false) or the size changed (true).
    fn wait(&self) -> io::Result<bool> {
        let resizes = self.resizes.get_or_init(Resizes::listen).as_ref();
        let stdin = io::stdin();
        loop {
            let mut waited = vec![PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
            waited.extend(resizes.map(|resizes| PollFd::new(resizes.pipe.as_fd(), PollFlags::POLLIN)));
            match poll(&mut waited, PollTimeout::NONE) {
                Ok(_) | Err(Errno::EINTR) => {}
                Err(err) => return Err(err.into()),
            }
            let happened = |n: usize| waited.get(n).and_then(PollFd::revents).is_some_and(|events| !events.is_empty());
            if let Some(resizes) = resizes
                && happened(1)
            {
                resizes.drain();
                return Ok(true);
            }
            // A closed terminal is read too, so that console says so.
            if happened(0) {
                return Ok(false);
            }
        }
    }
}

impl Resizes {
    /// Starts listening for changes of size.
    fn listen() -> Option<Resizes> {
        let (pipe, signalled) = UnixStream::pair().ok()?;
        pipe.set_nonblocking(true).ok()?;
        signalled.set_nonblocking(true).ok()?;
        let hook = signal_hook::low_level::pipe::register(SIGWINCH, signalled).ok()?;
        Some(Resizes { pipe, hook })
    }

    /// Takes every change heard so far: one redraw answers them all.
    fn drain(&self) {
        let mut bytes = [0; 64];
        while matches!((&self.pipe).read(&mut bytes), Ok(read) if read > 0) {}
    }
}

impl Drop for Resizes {
    fn drop(&mut self) {
        signal_hook::low_level::unregister(self.hook);
    }
}

/// The terminal's settings in raw mode as console sets them: output as it was.
fn raw(before: &Termios) -> Termios {
    let mut raw = before.clone();
    termios::cfmakeraw(&mut raw);
    raw.output_flags = before.output_flags;
    raw
}

/// Ctrl-C where it stops bezin: the signal, once the terminal has its
/// settings back, and the read interrupted, as console does.
fn stop() -> io::Result<Event> {
    signal_hook::low_level::raise(SIGINT)?;
    Err(io::ErrorKind::Interrupted.into())
}
