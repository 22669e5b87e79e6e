//! A file that is slow to read, for the listings about blocking file I/O.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use rustix::fs::{CWD, Mode, mkfifoat};

/// A file whose one read takes `delay`, like a file on a slow disk or a busy network
/// share. It is a named pipe (a FIFO): a thread of its own waits for a reader to open
/// it, sleeps `delay`, then writes the contents and closes it.
pub struct SlowFile {
    path: PathBuf,
}

impl SlowFile {
    /// Makes the file in the system's temporary directory; it is removed on drop.
    ///
    /// Panics if the pipe cannot be made: a listing cannot do anything useful without it.
    pub fn new(delay: Duration, contents: &str) -> SlowFile {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let n = MADE.fetch_add(1, Ordering::SeqCst);
        let name = format!("slow-file-{}-{n}", std::process::id());
        let path = std::env::temp_dir().join(name);
        mkfifoat(CWD, &path, Mode::RUSR | Mode::WUSR).expect("make a named pipe");

        let (writer_path, contents) = (path.clone(), contents.to_owned());
        thread::Builder::new()
            .name("slow-file".into())
            .spawn(move || {
                // Opening a FIFO for writing waits until somebody opens it for reading.
                let mut pipe = OpenOptions::new().write(true).open(writer_path)?;
                thread::sleep(delay);
                pipe.write_all(contents.as_bytes())
            })
            .expect("spawn the slow file's writer");
        SlowFile { path }
    }

    /// Where to read it from, with `std::fs` or `tokio::fs`.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SlowFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
