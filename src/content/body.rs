//! An article's rendered HTML body: in memory, or moved to a spill file.
//!
//! `byline build` moves each freshly parsed body to one unnamed temporary
//! file in `.byline-cache/` (removed by the system when the build ends) and
//! keeps only where it is, so a build of a 200,000-article archive does not
//! hold every body at once; a page or feed that shows the body reads it
//! back (from the page cache, in practice). `serve` keeps bodies in memory.
//!
//! A read that fails (a disk error on our own temporary file) gives an
//! empty body and is recorded in the [`SpillFile`]; the build asks
//! [`SpillFile::failure`] after rendering and fails before it writes.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The temporary file that bodies are moved to.
#[derive(Debug)]
pub struct SpillFile {
    file: File,
    end: Mutex<u64>,
    failure: Mutex<Option<io::Error>>,
}

impl SpillFile {
    /// An empty spill file in `dir` (created if missing).
    pub fn create(dir: &Path) -> io::Result<Arc<SpillFile>> {
        std::fs::create_dir_all(dir)?;
        Ok(Arc::new(SpillFile {
            file: tempfile::tempfile_in(dir)?,
            end: Mutex::new(0),
            failure: Mutex::new(None),
        }))
    }

    /// An existing file of bodies, to read (the article cache's).
    pub fn open(path: &Path) -> io::Result<Arc<SpillFile>> {
        let file = File::open(path)?;
        let end = file.metadata()?.len();
        Ok(Arc::new(SpillFile {
            file,
            end: Mutex::new(end),
            failure: Mutex::new(None),
        }))
    }

    fn append(&self, text: &str) -> io::Result<u64> {
        let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
        let offset = *end;
        write_at(&self.file, text.as_bytes(), offset)?;
        *end += text.len() as u64;
        Ok(offset)
    }

    fn read(&self, offset: u64, len: usize) -> io::Result<String> {
        let mut bytes = vec![0; len];
        read_at(&self.file, &mut bytes, offset)?;
        String::from_utf8(bytes).map_err(io::Error::other)
    }

    /// The file's length in bytes.
    pub fn len(&self) -> u64 {
        *self.end.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first read that failed, if any.
    pub fn failure(&self) -> Option<io::Error> {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, bytes, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

/// An article's HTML.
#[derive(Clone)]
pub enum Body {
    Html(String),
    Spilled {
        file: Arc<SpillFile>,
        offset: u64,
        len: usize,
    },
}

impl Default for Body {
    fn default() -> Body {
        Body::Html(String::new())
    }
}

impl From<String> for Body {
    fn from(html: String) -> Body {
        Body::Html(html)
    }
}

impl Body {
    /// The HTML (empty if a spilled body cannot be read: see the module).
    pub fn html(&self) -> Cow<'_, str> {
        match self {
            Body::Html(html) => Cow::Borrowed(html),
            Body::Spilled { file, offset, len } => match file.read(*offset, *len) {
                Ok(html) => Cow::Owned(html),
                Err(e) => {
                    let mut failure = file.failure.lock().unwrap_or_else(|e| e.into_inner());
                    failure.get_or_insert(e);
                    Cow::Borrowed("")
                }
            },
        }
    }

    /// The HTML, or the error reading it (and nothing recorded).
    pub fn read(&self) -> io::Result<Cow<'_, str>> {
        match self {
            Body::Html(html) => Ok(Cow::Borrowed(html)),
            Body::Spilled { file, offset, len } => file.read(*offset, *len).map(Cow::Owned),
        }
    }

    /// The length of the HTML in bytes.
    pub fn len(&self) -> usize {
        match self {
            Body::Html(html) => html.len(),
            Body::Spilled { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the HTML to `file` (a body already there stays where it is).
    pub fn spill(&mut self, file: &Arc<SpillFile>) -> io::Result<()> {
        if let Body::Html(html) = self {
            let offset = file.append(html)?;
            let len = html.len();
            *self = Body::Spilled {
                file: Arc::clone(file),
                offset,
                len,
            };
        }
        Ok(())
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Html(html) => f.debug_tuple("Html").field(html).finish(),
            Body::Spilled { offset, len, .. } => write!(f, "Spilled({len} bytes at {offset})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spilled_body_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = SpillFile::create(&dir.path().join("cache")).unwrap();
        let mut bodies: Vec<Body> = ["<p>첫 기사</p>", "", "<p>둘째 기사</p>"]
            .into_iter()
            .map(|s| Body::from(s.to_string()))
            .collect();
        for b in &mut bodies {
            b.spill(&file).unwrap();
            b.spill(&file).unwrap();
        }
        assert!(
            matches!(bodies[2], Body::Spilled { offset: 17, .. }),
            "{bodies:?}"
        );
        let texts: Vec<Cow<str>> = bodies.iter().map(Body::html).collect();
        assert_eq!(texts, ["<p>첫 기사</p>", "", "<p>둘째 기사</p>"]);
        assert_eq!(bodies[2].len(), "<p>둘째 기사</p>".len());
        assert!(file.failure().is_none());
        let path = dir.path().join("bodies");
        std::fs::write(&path, "<p>a</p><p>b</p>").unwrap();
        let saved = SpillFile::open(&path).unwrap();
        let second = Body::Spilled {
            file: saved,
            offset: 8,
            len: 8,
        };
        assert_eq!(second.html(), "<p>b</p>");
    }

    #[test]
    fn a_failed_read_is_recorded_for_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let file = SpillFile::create(dir.path()).unwrap();
        let beyond = Body::Spilled {
            file: Arc::clone(&file),
            offset: 1000,
            len: 10,
        };
        assert_eq!(beyond.html(), "");
        assert!(file.failure().is_some());
    }
}
