//! What `bezin check` is told of a journal folder: its devices, and what
//! the logs hold that is odd, with nothing printed here.

use std::fs;
use std::path::PathBuf;

use anyhow::Result;

use super::{DEVICE, FORMAT_FILE, Folder, LOG, Merged, NAME_FILE, keyring, sealing};

impl Folder {
    /// What a look at every log finds: the devices, and what is odd.
    pub fn survey(&self) -> Result<Survey> {
        let expected = self.manifest().map_or(0, |manifest| manifest.entries);
        let merged = Merged::read(self.logs()?, &self.device, &|file| self.open_log(file), expected)?;
        merged.write(&mut std::io::sink())?;
        let mut survey = Survey {
            newer: merged.newer,
            twins: merged.twins.len(),
            refused: merged.refused.get(),
            unreadable: merged.unreadable.clone(),
            ..Survey::default()
        };
        let mut devices: Vec<&str> = merged.reads.iter().map(|read| &*read.log.dev).collect();
        devices.dedup();
        for dev in devices {
            survey.devices.push((self.device_name(dev), dev == self.device));
        }
        for read in &merged.reads {
            let path = read.log.path.clone();
            if read.log.number.is_none() && !read.log.pending {
                survey.copies.push(path.clone());
            }
            if read.torn && *read.log.dev == *self.device {
                survey.cut.push(path);
            } else if read.torn {
                survey.arriving.push(path);
            }
        }
        for (dev, count) in merged.holding_deleted()? {
            survey.forgetting.push((self.device_name(&dev), count));
        }
        for (file, line, reason) in &merged.damaged {
            survey.damaged.push((merged.reads[*file].log.path.clone(), *line, reason.clone()));
        }
        for dir in fs::read_dir(&self.dir)?.filter_map(Result::ok) {
            let name = dir.file_name().to_string_lossy().into_owned();
            let is_device = name.starts_with(DEVICE) && dir.file_type().is_ok_and(|kind| kind.is_dir());
            let linked = dir.file_type().is_ok_and(|kind| kind.is_symlink());
            if (!is_device && name != FORMAT_FILE) || linked {
                survey.strays.push(dir.path());
            }
            if is_device {
                let inside = fs::read_dir(dir.path())?.filter_map(Result::ok);
                let odd = |file: &fs::DirEntry| {
                    let name = file.file_name().to_string_lossy().into_owned();
                    let regular = file.file_type().is_ok_and(|kind| kind.is_file());
                    let sealed = self.is_sealed() && (sealing::is_sealed_log(&name) || keyring::is_key_file(&name));
                    !(name.starts_with(LOG) || name == NAME_FILE || sealed) || !regular
                };
                survey.strays.extend(inside.filter(odd).map(|file| file.path()));
            }
        }
        Ok(survey)
    }
}

/// What `Folder::survey` finds.
#[derive(Debug, Default)]
pub struct Survey {
    /// Each device that wrote to the journal, by name, and whether it is
    /// this one.
    pub devices: Vec<(String, bool)>,
    /// Logs under another name than a log's own: copies a sync made. They
    /// are read with the rest, so nothing in them is lost.
    pub copies: Vec<PathBuf>,
    /// Other devices' logs whose last record has not arrived whole yet.
    pub arriving: Vec<PathBuf>,
    /// This device's logs whose last record a crash cut off.
    pub cut: Vec<PathBuf>,
    /// Lines that are no record: the log, the line's number, why.
    pub damaged: Vec<(PathBuf, usize, String)>,
    /// Records of a kind a newer bezin writes, kept as they are.
    pub newer: usize,
    /// Entries added on two devices with different content: the one changed
    /// last is shown, the other stays in its log.
    pub twins: usize,
    /// Entries whose changes together make no readable entry: shown
    /// without them.
    pub refused: usize,
    /// Logs that could not be read, and why.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Devices whose logs still hold words of deleted entries (by name),
    /// and how many records: they forget them when they next run.
    pub forgetting: Vec<(String, usize)>,
    /// Files in the folder that are no part of the journal: lines set
    /// aside, files left by a stopped change, files of other programs.
    pub strays: Vec<PathBuf>,
}
