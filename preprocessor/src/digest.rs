//! The keys of the tool's own caches in the target directory (cargo's description of
//! the workspace, the pages of an unchanged build): a hash of lines, headed by the tool's
//! version and what the key is for, so that a cache another version wrote never matches.

/// A hash taken line by line.
pub(crate) struct Lines(blake3::Hasher);

impl Lines {
    /// A hash for `purpose`, made by this version of the tool.
    pub(crate) fn new(purpose: &str) -> Lines {
        let mut lines = Lines(blake3::Hasher::new());
        lines.line(&format!(
            "mdbook-transcript {}: {purpose}",
            env!("CARGO_PKG_VERSION")
        ));
        lines
    }

    pub(crate) fn line(&mut self, text: &str) {
        self.0.update(text.as_bytes());
        self.0.update(b"\n");
    }

    /// The hash, in hex.
    pub(crate) fn finish(self) -> String {
        self.0.finalize().to_hex().to_string()
    }
}
