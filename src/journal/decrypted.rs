//! The parts of an encrypted journal read as one text. Each part is
//! decrypted as a read reaches it, a chunk of 64 KiB at a time, so that a
//! read of the last entries decrypts no more than it reads. Only the few
//! parts read last stay open.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use super::lines::Source;

/// How many parts stay open: one for each of search's two halves, and
/// the one each half will look back into for the lines it found.
const OPEN: usize = 4;

/// One age file of the journal and where its plain text lies in the whole.
pub struct Part {
    pub path: PathBuf,
    pub start: u64,
    pub len: u64,
}

type Reader = Arc<Mutex<age::stream::StreamReader<File>>>;

pub struct Decrypted {
    parts: Vec<Part>,
    key: age::x25519::Identity,
    /// The parts read last, the most recent last.
    open: Mutex<Vec<(usize, Reader)>>,
}

impl Decrypted {
    pub fn new(parts: Vec<Part>, key: age::x25519::Identity) -> Decrypted {
        Decrypted { parts, key, open: Mutex::new(Vec::new()) }
    }

    /// The reader of part `index`, opened if it is not open.
    fn reader(&self, index: usize) -> io::Result<Reader> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = open.iter().position(|(open, _)| *open == index) {
            let found = open.remove(at);
            let reader = Arc::clone(&found.1);
            open.push(found);
            return Ok(reader);
        }
        if open.len() == OPEN {
            open.remove(0);
        }
        let reader = Arc::new(Mutex::new(self.open_part(&self.parts[index])?));
        open.push((index, Arc::clone(&reader)));
        Ok(reader)
    }

    fn open_part(&self, part: &Part) -> io::Result<age::stream::StreamReader<File>> {
        let failed = |err: &dyn std::fmt::Display| {
            io::Error::other(format!("{} cannot be decrypted: {err}", part.path.display()))
        };
        let file = File::open(&part.path)?;
        let decryptor = age::Decryptor::new(file).map_err(|err| failed(&err))?;
        decryptor.decrypt(std::iter::once(&self.key as &dyn age::Identity)).map_err(|err| failed(&err))
    }
}

impl Source for Decrypted {
    fn size(&self) -> io::Result<u64> {
        Ok(self.parts.last().map_or(0, |part| part.start + part.len))
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let index = self.parts.partition_point(|part| part.start + part.len <= offset);
        let Some(part) = self.parts.get(index) else { return Ok(0) };
        let within = offset - part.start;
        let want = usize::try_from((part.len - within).min(buf.len() as u64)).unwrap_or(buf.len());
        let reader = self.reader(index)?;
        let mut reader = reader.lock().unwrap_or_else(PoisonError::into_inner);
        let named = |err: io::Error| io::Error::new(err.kind(), format!("{}: {err}", part.path.display()));
        reader.seek(SeekFrom::Start(within)).map_err(named)?;
        reader.read(&mut buf[..want]).map_err(named)
    }
}
