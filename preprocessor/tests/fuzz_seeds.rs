//! A short, deterministic stand-in for the fuzz targets in `fuzz/`, so every
//! `cargo test` goes through their entry points: each committed seed as it is, then a few
//! thousand mutations of the seeds (tokens the parsers care about inserted, text cut and
//! repeated), through the same `fuzzing` functions the targets call. A panic fails the
//! test and prints the input. The real fuzzing (coverage-guided, for minutes) is
//! `cargo fuzz run`; see preprocessor/README.md.

use std::path::{Path, PathBuf};

use mdbook_transcript::fuzzing;

/// Mutated inputs per target; both together take about a second in a debug build.
const MUTATIONS: usize = 2_000;

/// Text that means something to a directive, to Markdown or to TOML and git.
const TOKENS: &[&str] = &[
    "{{#listing ",
    "{{#output ",
    "{{#listing a:b}}",
    "}}",
    ":",
    "`",
    "```\n",
    "\n    ",
    "<!--",
    "-->",
    "<div>",
    "\n",
    "\r\n",
    "é",
    "\u{FEFF}",
    "*",
    "[x]: ",
    "\"\"\"",
    "'''",
    "\\",
    "\\u0000",
    " = ",
    "\n=======\n",
    "<<<<<<< HEAD\n",
    ">>>>>>> theirs\n",
    "outcome = \"exit 0\"\n",
    "outcome = \"panic (exit 101)\"\n",
    "stdout = \"\"\"\n",
    "[stdout]\n",
    "listing = \"x\"\n",
    "key = \"blake3:00\"\n",
    "#",
];

fn seeds(target: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds")
        .join(target);
    let mut seeds: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 3, "{} has too few seeds", dir.display());
    seeds
}

/// xorshift64: the same inputs on every run, no dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }

    /// A char boundary of `text`, anywhere in it.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// One to four edits of `seed`: a token inserted, a stretch cut out or repeated.
fn mutate(seed: &str, random: &mut Random) -> String {
    let mut text = seed.to_string();
    for _ in 0..=random.below(4) {
        let (a, b) = (random.boundary(&text), random.boundary(&text));
        let (start, end) = (a.min(b), a.max(b));
        match random.below(3) {
            0 => text.insert_str(a, TOKENS[random.below(TOKENS.len())]),
            1 => text.replace_range(start..end, ""),
            _ => {
                let repeated = text[start..end].to_string();
                text.insert_str(end, &repeated);
            }
        }
    }
    text
}

fn exercise(target: &str, entry: fn(&str)) {
    let seeds = seeds(target);
    for (path, text) in &seeds {
        let replay = std::panic::catch_unwind(|| entry(text));
        assert!(replay.is_ok(), "{target} panicked on {}", path.display());
    }
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for case in 0..MUTATIONS {
        let text = mutate(&seeds[case % seeds.len()].1, &mut random);
        let run = std::panic::catch_unwind(|| entry(&text));
        assert!(run.is_ok(), "{target} panicked on case {case}: {text:?}");
    }
}

#[test]
fn the_directive_parser_takes_its_seeds_and_their_mutations_without_a_panic() {
    exercise("parse_chapter", fuzzing::parse_chapter);
}

#[test]
fn the_snapshot_reader_takes_its_seeds_and_their_mutations_without_a_panic() {
    exercise("read_snapshot", fuzzing::read_snapshot);
}
