//! The elements of a JSON array in a file of any size, one at a time, each
//! as its own bytes. A scan that follows only strings and brackets finds
//! where an element ends, and the caller parses it whole from memory: many
//! times faster than a parser that reads the file a byte at a time, and
//! only one element is held at once. The scan checks nothing inside an
//! element; parsing it does. A value longer than any entry takes is
//! refused before it is held whole.

use std::io::Read;

use anyhow::{Result, bail};

use crate::lang::errors::ErrorWords;

/// What goes wrong, in the interface's language.
fn words() -> &'static ErrorWords {
    crate::lang::interface().errors()
}

/// How much is read at once.
const CHUNK: usize = 256 * 1024;

/// Calls `visit` with the bytes of each element of the array at the top of
/// `reader`, or, given a `key`, of the array that is the value of `key` in
/// the object at the top (each such array, should the key come twice).
pub fn each_element(reader: impl Read, key: Option<&str>, mut visit: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let mut input = Input { reader, buffer: Vec::with_capacity(CHUNK), at: 0 };
    match key {
        None => {
            input.expect(b'[')?;
            input.elements(&mut visit)?;
        }
        Some(key) => input.members(key, &mut visit)?,
    }
    if input.peek()?.is_some() {
        bail!(words().json_after_end);
    }
    Ok(())
}

/// The input and what has been read of it and not yet passed.
struct Input<R> {
    reader: R,
    /// Read from the input; `buffer[at..]` is not yet passed.
    buffer: Vec<u8>,
    at: usize,
}

impl<R: Read> Input<R> {
    /// Calls `visit` with each element of the arrays that are the value of
    /// `key` in the object that starts here.
    fn members(&mut self, key: &str, visit: &mut impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        self.expect(b'{')?;
        if self.next_is(b'}')? {
            return Ok(());
        }
        loop {
            self.peek()?;
            let name: String = serde_json::from_slice(self.value()?)?;
            self.expect(b':')?;
            if name == key {
                self.expect(b'[')?;
                self.elements(visit)?;
            } else {
                self.peek()?;
                self.value()?;
            }
            match self.peek()? {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => bail!(words().json_after_value),
            }
        }
    }

    /// Calls `visit` with each element of the array whose `[` was just passed.
    fn elements(&mut self, visit: &mut impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        if self.next_is(b']')? {
            return Ok(());
        }
        loop {
            self.peek()?;
            visit(self.value()?)?;
            match self.peek()? {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => bail!(words().json_after_element),
            }
        }
    }

    /// The value that starts here, passed.
    fn value(&mut self) -> Result<&[u8]> {
        let len = self.value_len()?;
        if len == 0 {
            bail!(words().json_missing_value);
        }
        self.at += len;
        Ok(&self.buffer[self.at - len..self.at])
    }

    /// The length of the value that starts here: a string, an array or an
    /// object to its closing character, anything else up to what ends it.
    fn value_len(&mut self) -> Result<usize> {
        let (mut len, mut depth) = (0, 0_usize);
        loop {
            let Some(byte) = self.byte(len)? else {
                if depth == 0 {
                    return Ok(len);
                }
                bail!(words().json_ends_in_value);
            };
            match byte {
                b'"' => len = self.string_end(len + 1)?,
                b'{' | b'[' => (len, depth) = (len + 1, depth + 1),
                b'}' | b']' if depth > 0 => (len, depth) = (len + 1, depth - 1),
                b'}' | b']' | b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Ok(len),
                _ => len += 1,
            }
            if depth == 0 && matches!(byte, b'"' | b'}' | b']') {
                return Ok(len);
            }
        }
    }

    /// Where the string whose text starts `len` bytes on ends, past its quote.
    fn string_end(&mut self, mut len: usize) -> Result<usize> {
        loop {
            if self.at + len >= self.buffer.len() {
                if !self.fill()? {
                    bail!(words().json_ends_in_string);
                }
                continue;
            }
            match memchr::memchr2(b'"', b'\\', &self.buffer[self.at + len..]) {
                Some(found) if self.buffer[self.at + len + found] == b'"' => return Ok(len + found + 1),
                // An escape: the character after the backslash is part of it.
                Some(found) => len += found + 2,
                None => len = self.buffer.len() - self.at,
            }
        }
    }

    /// The byte `len` bytes on, read if need be; `None` at the end of the input.
    fn byte(&mut self, len: usize) -> Result<Option<u8>> {
        while self.at + len >= self.buffer.len() {
            if !self.fill()? {
                return Ok(None);
            }
        }
        Ok(Some(self.buffer[self.at + len]))
    }

    /// The next byte that is not white space, not passed; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>> {
        loop {
            let rest = &self.buffer[self.at..];
            if let Some(skip) = rest.iter().position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += skip;
                return Ok(Some(self.buffer[self.at]));
            }
            self.at = self.buffer.len();
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Passes the next byte that is not white space when it is `byte`.
    fn next_is(&mut self, byte: u8) -> Result<bool> {
        let found = self.peek()? == Some(byte);
        self.at += usize::from(found);
        Ok(found)
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if !self.next_is(byte)? {
            bail!((words().json_expected)(char::from(byte)));
        }
        Ok(())
    }

    /// Reads more, keeping what is not yet passed; false at the end of the input.
    fn fill(&mut self) -> Result<bool> {
        if self.buffer.len() - self.at > crate::limits::JSON_VALUE {
            let most = crate::limits::megabytes(crate::limits::JSON_VALUE as u64);
            bail!((crate::lang::interface().environment().value_too_large)(&most));
        }
        self.buffer.drain(..self.at);
        self.at = 0;
        let read = (&mut self.reader).take(CHUNK as u64).read_to_end(&mut self.buffer)?;
        Ok(read > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The elements `each_element` gives for `text`, read a few bytes at a time.
    fn elements(text: &str, key: Option<&str>) -> Result<Vec<String>> {
        let mut found = Vec::new();
        each_element(Trickle(text.as_bytes()), key, |element| {
            found.push(String::from_utf8(element.to_vec())?);
            Ok(())
        })?;
        Ok(found)
    }

    /// A reader that gives at most three bytes a read, so that every
    /// element and string is split between reads.
    struct Trickle<'t>(&'t [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let len = buf.len().min(3).min(self.0.len());
            buf[..len].copy_from_slice(&self.0[..len]);
            self.0 = &self.0[len..];
            Ok(len)
        }
    }

    #[test]
    fn each_element_comes_whole_whatever_it_holds() {
        let text = " [ {\"a\": \"x]}\\\"\\\\\", \"b\": [1, {\"c\": null}]} ,\n\"s,\\\"]\" , 12.5e3,true, [], {} ] \n";
        let expected =
            ["{\"a\": \"x]}\\\"\\\\\", \"b\": [1, {\"c\": null}]}", "\"s,\\\"]\"", "12.5e3", "true", "[]", "{}"];
        assert_eq!(elements(text, None).unwrap(), expected);
        assert_eq!(elements("[]", None).unwrap(), Vec::<String>::new());
        let jrnl = "{\"tags\": {\"@a\": [1]}, \"entr\\u0069es\": [{\"t\": \"}\"}, {\"t\": 2}], \"more\": 1}";
        assert_eq!(elements(jrnl, Some("entries")).unwrap(), ["{\"t\": \"}\"}", "{\"t\": 2}"]);
        assert_eq!(elements("{}", Some("entries")).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_file_that_is_no_array_is_said_so() {
        for (text, error) in [
            ("{\"a\": 1}", "expected '['"),
            ("[{\"a\": 1} {\"b\": 2}]", "expected ',' or ']' after an element"),
            ("[{\"a\": 1},]", "a value is missing"),
            ("[{\"a\": \"no end", "the file ends inside a string"),
            ("[{\"a\": [1, 2]", "the file ends inside a value"),
            ("[{\"a\": 1}", "expected ',' or ']'"),
            ("[{\"a\": 1}] junk", "more text after the end"),
            ("[] []", "more text after the end"),
        ] {
            let err = elements(text, None).unwrap_err().to_string();
            assert!(err.contains(error), "{text}: {err}");
        }
        let err = elements("{\"entries\": [1] \"x\": 2}", Some("entries")).unwrap_err().to_string();
        assert!(err.contains("expected ',' or '}' after the value of a key"), "{err}");
        let err = elements("{\"entries\": [1]} {}", Some("entries")).unwrap_err().to_string();
        assert!(err.contains("more text after the end"), "{err}");
    }
}
