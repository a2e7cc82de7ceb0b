//! The journal read in the background while the screen is in use: its
//! lines from the end, as rows for the list, a batch at a time; and a
//! search, newest first, whose matches arrive as it finds them. A new
//! search stops the one under way; the screen takes in what arrived
//! whenever it looks, and never waits on either.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::{Scope, ScopedJoinHandle};

use anyhow::Result;

use super::shelf::Read;
use crate::catalog::Catalog;
use crate::journal::{Damaged, Snapshot};
use crate::people::PersonPrompts;
use crate::search::Query;

/// The rows of the first batch: enough for a screen, so that it is drawn at once.
const FIRST_BATCH: usize = 100;
/// The rows of each later batch.
const BATCH: usize = 2000;

/// What the background threads send the screen.
pub enum News {
    /// Entries read, and the lines read with them that are no readable entry.
    Rows(Vec<Read>, Vec<Damaged>),
    /// Every line is read.
    Read(Result<()>),
    /// Where matches of the search `search` start, newest first; the
    /// last batch says it is done.
    Found { search: u64, starts: Vec<u64>, done: bool },
}

/// The threads reading the journal for the screen.
pub struct Reading<'s, 'e> {
    scope: &'s Scope<'s, 'e>,
    catalog: &'e Catalog,
    news: Receiver<News>,
    send: Sender<News>,
    /// Set to stop every thread: the screen is left, or the journal changes.
    stop: Arc<AtomicBool>,
    /// The number of the search wanted now: one with another number stops.
    search: Arc<AtomicU64>,
    threads: Vec<ScopedJoinHandle<'s, ()>>,
}

impl<'s, 'e> Reading<'s, 'e> {
    pub fn new(scope: &'s Scope<'s, 'e>, catalog: &'e Catalog) -> Reading<'s, 'e> {
        let (send, news) = channel();
        Reading {
            scope,
            catalog,
            news,
            send,
            stop: Arc::new(AtomicBool::new(false)),
            search: Arc::new(AtomicU64::new(0)),
            threads: Vec::new(),
        }
    }

    /// Starts reading `snapshot` from the end.
    pub fn read(&mut self, snapshot: Arc<Snapshot>) {
        let (send, stop, catalog) = (self.send.clone(), Arc::clone(&self.stop), self.catalog);
        let thread = self.scope.spawn(move || {
            let read = read_back(&snapshot, catalog, &stop, &send);
            // Read whole: a save from elsewhere need not wait for the screen.
            snapshot.let_go();
            let _ = send.send(News::Read(read));
        });
        self.threads.push(thread);
    }

    /// Starts looking for `query` in `snapshot`, stopping any search under
    /// way; the number its matches will come with.
    pub fn search(&mut self, snapshot: Arc<Snapshot>, query: Query) -> u64 {
        let number = self.search.fetch_add(1, Ordering::SeqCst) + 1;
        let (send, wanted, stop) = (self.send.clone(), Arc::clone(&self.search), Arc::clone(&self.stop));
        let still_wanted = move || wanted.load(Ordering::SeqCst) == number && !stop.load(Ordering::SeqCst);
        let thread = self.scope.spawn(move || {
            let mut line = Vec::new();
            let _ = snapshot.pick_back(
                |block| query.candidates(block),
                |starts| {
                    if !still_wanted() {
                        return ControlFlow::Break(());
                    }
                    // A key typed since stops it between two lines.
                    let starts = starts
                        .into_iter()
                        .take_while(|_| still_wanted())
                        .filter(|&start| {
                            let Ok(raw) = snapshot.line_at(start, &mut line) else { return false };
                            raw.parse().is_ok_and(|entry| !query.hits(&entry).is_empty())
                        })
                        .collect();
                    if !still_wanted() {
                        return ControlFlow::Break(());
                    }
                    let _ = send.send(News::Found { search: number, starts, done: false });
                    ControlFlow::Continue(())
                },
            );
            if still_wanted() {
                let _ = send.send(News::Found { search: number, starts: Vec::new(), done: true });
            }
        });
        self.threads.retain(|thread| !thread.is_finished());
        self.threads.push(thread);
        number
    }

    /// Stops any search under way; its matches are no longer wanted.
    pub fn no_search(&self) {
        self.search.fetch_add(1, Ordering::SeqCst);
    }

    /// Waits for what comes next; `None` when nothing more can.
    pub fn wait(&self) -> Option<News> {
        self.news.recv().ok()
    }

    /// What arrived since the last look.
    pub fn arrived(&self) -> impl Iterator<Item = News> + '_ {
        self.news.try_iter()
    }

    /// Whether a thread is still at work.
    pub fn busy(&self) -> bool {
        self.threads.iter().any(|thread| !thread.is_finished())
    }

    /// Stops every thread and waits for them, so that the journal is no
    /// longer held; what they sent is thrown away. Reading may start again.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        while self.news.try_recv().is_ok() {}
        self.stop.store(false, Ordering::SeqCst);
    }
}

impl Drop for Reading<'_, '_> {
    /// Stops every thread, so that leaving by an error does not wait for them.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Reads `snapshot` from the end into rows, sent a batch at a time with
/// the damaged lines read since the batch before, so that the screen can
/// say there are some while it is open.
pub(super) fn read_back(snapshot: &Snapshot, catalog: &Catalog, stop: &AtomicBool, send: &Sender<News>) -> Result<()> {
    let prompts = PersonPrompts::of(catalog);
    let mut damaged = Vec::new();
    let mut batch = Vec::with_capacity(FIRST_BATCH);
    let mut wanted = FIRST_BATCH;
    snapshot.scan_back(|line| {
        if stop.load(Ordering::Relaxed) {
            return Ok(ControlFlow::Break(()));
        }
        match line.parse() {
            Ok(entry) => batch.push(Read::of(&entry, line.offset, &prompts, catalog)),
            Err(err) => damaged.push(err),
        }
        if batch.len() + damaged.len() == wanted {
            let rows = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            let _ = send.send(News::Rows(rows, std::mem::take(&mut damaged)));
            wanted = BATCH;
        }
        Ok(ControlFlow::Continue(()))
    })?;
    let _ = send.send(News::Rows(batch, damaged));
    Ok(())
}
