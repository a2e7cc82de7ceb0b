//! The keys of an encrypted journal, in age's own formats: the person's
//! identity, which reads (an age identity file, passphrase-protected or
//! not, an SSH private key, or a plugin's identity for a hardware key), and
//! the recipients, public keys that are all a save needs.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::lang::failed::{Step, Thing, could_not};
use age::secrecy::ExposeSecret;
use anyhow::{Context, Result, anyhow, bail};
use zeroize::Zeroizing;

/// Where the identity comes from, for the messages that name it.
#[derive(Clone, Debug)]
pub struct IdentityPlace {
    pub path: PathBuf,
    /// `--identity`, `BEZIN_IDENTITY`, the `identity` setting, or the default.
    pub named_by: &'static str,
}

/// The identities read from one file, ready to decrypt.
pub struct Identities(Vec<Box<dyn age::Identity>>);

impl Identities {
    pub fn as_dyn(&self) -> impl Iterator<Item = &dyn age::Identity> {
        self.0.iter().map(|identity| identity.as_ref() as &dyn age::Identity)
    }
}

/// Reads the identity at `place`; a passphrase-protected one asks for its
/// passphrase through `callbacks`, once. What the file held is zeroed.
pub fn read_identity(place: &IdentityPlace, callbacks: impl age::Callbacks) -> Result<Identities> {
    let bytes = unlocked(place, &callbacks)?;
    parse_identities(&bytes, &place.path, callbacks)
}

/// The identity file's text: as it is, or decrypted with its passphrase.
fn unlocked(place: &IdentityPlace, callbacks: &impl age::Callbacks) -> Result<Zeroizing<Vec<u8>>> {
    let path = &place.path;
    let bytes = read_small(path).with_context(|| could_not(Step::Read, Thing::Identity, path.display()))?;
    if !is_age_file(&bytes) {
        return Ok(bytes);
    }
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(&bytes[..])).map_err(|err| {
        anyhow!((crate::lang::interface().keys().identity_unreadable)(&path.display().to_string(), &err.to_string()))
    })?;
    if !decryptor.is_scrypt() {
        bail!((crate::lang::interface().keys().identity_to_a_key)(&path.display().to_string()));
    }
    let passphrase = callbacks
        .request_passphrase(&format!("Passphrase for {}", path.display()))
        .with_context(|| (crate::lang::interface().keys().passphrase_needed)(&path.display().to_string()))?;
    let scrypt = age::scrypt::Identity::new(passphrase);
    let mut stream = decryptor
        .decrypt(std::iter::once(&scrypt as &dyn age::Identity))
        .map_err(|_| anyhow!((crate::lang::interface().keys().passphrase_wrong)(&path.display().to_string())))?;
    let mut inner = Zeroizing::new(Vec::new());
    stream.read_to_end(&mut inner).with_context(|| could_not(Step::Decrypt, Thing::Identity, path.display()))?;
    Ok(inner)
}

/// An age identity file (one key a line) or an SSH private key.
fn parse_identities(bytes: &[u8], path: &Path, callbacks: impl age::Callbacks) -> Result<Identities> {
    let name = Some(path.display().to_string());
    if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        let ssh = age::ssh::Identity::from_buffer(bytes, name)
            .map_err(|_| anyhow!((crate::lang::interface().keys().not_ssh_key)(&path.display().to_string())))?;
        if let age::ssh::Identity::Unsupported(_) = ssh {
            bail!((crate::lang::interface().keys().ssh_kind_unusable)(&path.display().to_string()));
        }
        return Ok(Identities(vec![Box::new(ssh.with_callbacks(callbacks))]));
    }
    let file = age::IdentityFile::from_buffer(bytes)
        .map_err(|_| anyhow!((crate::lang::interface().keys().not_identity_file)(&path.display().to_string())))?;
    let identities = file.with_callbacks(callbacks).into_identities().map_err(|err| {
        anyhow!((crate::lang::interface().keys().identity_unusable)(&path.display().to_string(), &err.to_string()))
    })?;
    if identities.is_empty() {
        bail!((crate::lang::interface().keys().identity_empty)(&path.display().to_string()));
    }
    Ok(Identities(identities))
}

/// The public keys of the age identities in the file at `path`, as
/// recipients: for `bezin encrypt` with the person's existing identity.
pub fn public_keys_of(place: &IdentityPlace, callbacks: &impl age::Callbacks) -> Result<Vec<String>> {
    let path = &place.path;
    let bytes = unlocked(place, callbacks)?;
    let file = age::IdentityFile::from_buffer(&bytes[..])
        .map_err(|_| anyhow!((crate::lang::interface().keys().no_public_key_here)(&path.display().to_string())))?;
    let mut out = Vec::new();
    file.write_recipients_file(&mut out)
        .map_err(|_| anyhow!((crate::lang::interface().keys().public_key_unknown)(&path.display().to_string())))?;
    Ok(String::from_utf8_lossy(&out).lines().map(str::to_owned).collect())
}

/// A new X25519 identity: the identity file's text and its public key.
pub fn generate() -> (Zeroizing<String>, String) {
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let created = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ");
    let text = format!("# created: {created}\n# public key: {public}\n{}\n", identity.to_string().expose_secret());
    (Zeroizing::new(text), public)
}

fn read_small(path: &Path) -> std::io::Result<Zeroizing<Vec<u8>>> {
    crate::whole_file::read(path, crate::limits::KEYS).map(Zeroizing::new)
}

/// The whole plain text of a small age file, binary or armored.
pub fn decrypt_file(path: &Path, identities: &[&dyn age::Identity]) -> Result<Zeroizing<Vec<u8>>> {
    let file = crate::whole_file::open(path).with_context(|| could_not(Step::Read, Thing::Path, path.display()))?;
    decrypt(std::io::BufReader::new(file), path, identities)
}

/// The whole plain text of the age file `path`, binary or armored, read
/// from `read` (the file, or its bytes read already).
pub fn decrypt(
    read: impl std::io::BufRead,
    path: &Path,
    identities: &[&dyn age::Identity],
) -> Result<Zeroizing<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(read)).map_err(|err| {
        anyhow!((crate::lang::interface().keys().not_age_file)(&path.display().to_string(), &err.to_string()))
    })?;
    let mut stream =
        decryptor.decrypt(identities.iter().copied()).map_err(|err| anyhow!(cannot_decrypt(path, &err.to_string())))?;
    let mut text = Zeroizing::new(Vec::new());
    stream.read_to_end(&mut text).map_err(|err| anyhow!(cannot_decrypt(path, &err.to_string())))?;
    Ok(text)
}

fn cannot_decrypt(path: &Path, err: &str) -> String {
    (crate::lang::interface().keys().cannot_decrypt)(&path.display().to_string(), err)
}

/// Whether `bytes` start as an age file, binary or armored.
pub fn is_age_file(bytes: &[u8]) -> bool {
    let bytes = bytes.trim_ascii_start();
    bytes.starts_with(b"age-encryption.org/") || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// The recipients of an encrypted journal: every file bezin writes for it
/// is encrypted to each of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipients {
    keys: Vec<String>,
}

impl Recipients {
    /// Checks each key: an age key, an SSH public key, or a plugin's key.
    pub fn new(keys: Vec<String>) -> Result<Recipients> {
        if keys.is_empty() {
            bail!(crate::lang::interface().keys().no_recipient);
        }
        for key in &keys {
            if key.trim_start().to_ascii_uppercase().starts_with("AGE-SECRET-KEY-") || key.contains("PRIVATE KEY") {
                bail!(crate::lang::interface().keys().secret_for_public);
            }
            if !is_recipient(key) {
                let shown = crate::ui::truncate(key, 40);
                bail!((crate::lang::interface().keys().not_public_key)(&shown));
            }
        }
        Ok(Recipients { keys })
    }

    /// Reads a recipients file: one key a line; `#` starts a comment.
    pub fn read(path: &Path) -> Result<Recipients> {
        let reading = || could_not(Step::Read, Thing::Recipients, path.display());
        let bytes = read_small(path).with_context(reading)?;
        let keys = keys_in(&bytes[..]).with_context(reading)?;
        Recipients::new(keys).with_context(|| format!("in {}", path.display()))
    }

    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Writes `text` encrypted to these recipients at `path`, whole or not
    /// at all: a temporary file named from `prefix`, synced, renamed, and
    /// the folder synced.
    pub fn write_file(&self, path: &Path, prefix: &str, text: &[u8]) -> Result<()> {
        let failed = || could_not(Step::Write, Thing::Path, path.display());
        let mut writer = self.encrypt(crate::atomic::AtomicFile::new(path, prefix).with_context(failed)?)?;
        writer.write_all(text).with_context(failed)?;
        writer.finish().and_then(crate::atomic::AtomicFile::commit).with_context(failed)
    }

    /// Whether `identities` read what is encrypted to these keys, that is
    /// whether one of them is the person's: a few bytes are encrypted and
    /// decrypted again (a hardware key may ask for a touch).
    pub fn read_by(&self, identities: &Identities) -> Result<bool> {
        let mut probe = Vec::new();
        let mut writer = self.encrypt(&mut probe)?;
        writer.write_all(b"bezin")?;
        writer.finish()?;
        let decryptor = age::Decryptor::new(&probe[..])?;
        Ok(decryptor.decrypt(identities.as_dyn()).is_ok())
    }

    /// Starts an age file to these recipients, written to `out`.
    pub fn encrypt<W: std::io::Write>(&self, out: W) -> Result<age::stream::StreamWriter<W>> {
        let recipients = self.to_age()?;
        let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient))
            .map_err(|err| anyhow!((crate::lang::interface().keys().cannot_encrypt)(&err.to_string())))?;
        Ok(encryptor.wrap_output(out)?)
    }

    fn to_age(&self) -> Result<Vec<Box<dyn age::Recipient + Send>>> {
        let mut recipients: Vec<Box<dyn age::Recipient + Send>> = Vec::new();
        let mut plugins: Vec<age::plugin::Recipient> = Vec::new();
        for key in &self.keys {
            if let Ok(key) = age::x25519::Recipient::from_str(key) {
                recipients.push(Box::new(key));
            } else if let Ok(key) = age::ssh::Recipient::from_str(key) {
                recipients.push(Box::new(key));
            } else if let Ok(key) = age::plugin::Recipient::from_str(key) {
                plugins.push(key);
            }
        }
        let mut names: Vec<&str> = plugins.iter().map(age::plugin::Recipient::plugin).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let of_plugin: Vec<_> = plugins.iter().filter(|key| key.plugin() == name).cloned().collect();
            let plugin = age::plugin::RecipientPluginV1::new(name, &of_plugin, &[], crate::ui::KeyPrompts)
                .map_err(|err| anyhow!((crate::lang::interface().keys().plugin_unusable)(name, &err.to_string())))?;
            recipients.push(Box::new(plugin));
        }
        Ok(recipients)
    }
}

fn is_recipient(key: &str) -> bool {
    age::x25519::Recipient::from_str(key).is_ok()
        || age::ssh::Recipient::from_str(key).is_ok()
        || age::plugin::Recipient::from_str(key).is_ok()
}

/// The keys of a recipients file's text.
fn keys_in(text: impl BufRead) -> std::io::Result<Vec<String>> {
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line?;
        let key = line.trim();
        if !key.is_empty() && !key.starts_with('#') {
            keys.push(key.to_owned());
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_identity_reads_what_its_public_key_encrypts() {
        let (text, public) = generate();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("identity.txt");
        std::fs::write(&path, text.as_bytes()).unwrap();
        let place = IdentityPlace { path, named_by: "test" };
        let recipients = Recipients::new(vec![public]).unwrap();
        assert_eq!(public_keys_of(&place, &crate::ui::KeyPrompts).unwrap(), recipients.keys());
        let mut sealed = Vec::new();
        let mut writer = recipients.encrypt(&mut sealed).unwrap();
        std::io::Write::write_all(&mut writer, b"secret").unwrap();
        writer.finish().unwrap();
        let identities = read_identity(&place, crate::ui::KeyPrompts).unwrap();
        let mut reader = age::Decryptor::new(&sealed[..]).unwrap().decrypt(identities.as_dyn()).unwrap();
        let mut back = String::new();
        reader.read_to_string(&mut back).unwrap();
        assert_eq!(back, "secret");
    }

    #[test]
    fn a_key_that_is_no_key_is_named() {
        let err = Recipients::new(vec!["age1nonsense".into()]).unwrap_err().to_string();
        assert!(err.contains("'age1nonsense' is not a public key"), "{err}");
        let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN alice@rust";
        assert!(Recipients::new(vec![ssh.into()]).is_ok());
    }
}
