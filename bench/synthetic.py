#!/usr/bin/env python3
"""mdbook-transcript at book scale: a generated book of about 500 listings, measured.

Usage: python3 bench/synthetic.py [--listings 500] [--pages 40] [--rounds 3]
       python3 bench/synthetic.py --generate DIR [--listings N]   (write a book, measure nothing)

The book is written by this script into a scratch directory: 40 pages, each showing its
share of the listings, which are mostly std-only programs, some tokio ones (paused
clock, so deterministic), some that must fail to compile (E0382) and some that must
panic. Every listing prints something of its own. Measured, each printed as a ratio:

  per-listing cold cost  build with the listings cold (their shared dependencies built,
                         as any CI cache holds them) at 100 and at N listings, seconds per
                         listing, N vs 100                          goal <= 1.1 (linear)
                         (and cargo's own, `cargo build --workspace` from the same start,
                         for reference: what no tool can scale better than)
  warm                   build, nothing changed, vs the render floor (stock mdBook
                         rendering the same expanded pages)         goal <= 1.1
  edit                   build after editing one listing vs its floor (cargo's build of
                         that listing after the same edit, its run, and the render
                         floor), in the N-listing book and in a 63-listing book of the
                         same shapes: the N-listing ratio vs the 63-listing one
                                                                    goal <= 1.2
                         (an edit's time in the N-listing book vs the 63-listing one is
                         printed too: it includes rendering a book N/63 times the size,
                         and cargo reading N manifests, which any tool pays)
  shards                 `check --shard K/4` for K = 1..4 after a full check recorded
                         every listing's time: the slowest shard vs their mean
                                                                    goal <= 1.2
  memory                 the tool's own peak resident memory (VmHWM), cold and warm
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import (ROOT, WARM_ROUNDS, build_tool, median_of, medians_in_turns, print_header,
                      ratio_row, reference_row, render_floor, run_listing, sh, sh_peak,
                      tool_environment)

KINDS = ["std"] * 14 + ["tokio"] * 3 + ["panic"] * 2 + ["compile-fail"]  # of every 20

STD = """fn main() {{
    let n: u64 = {n};
    let squares: Vec<u64> = (1..=n).map(|i| i * i).collect();
    println!("listing {index}: the first {{n}} squares add up to {{}}", squares.iter().sum::<u64>());
    for (i, square) in squares.iter().enumerate().skip({skip}).take(3) {{
        println!("  square {{}} is {{square}}", i + 1);
    }}
}}
"""

TOKIO = """use std::time::Duration;

async fn wait(label: &str, ms: u64) -> String {{
    tokio::time::sleep(Duration::from_millis(ms)).await;
    format!("{{label}} after {{ms}} ms")
}}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {{
    let started = tokio::time::Instant::now();
    let (a, b) = tokio::join!(wait("first", {a}), wait("second", {b}));
    println!("listing {index}: {{a}}, {{b}}; both in {{}} ms", started.elapsed().as_millis());
}}
"""

PANIC = """fn main() {{
    let shelf: Vec<u32> = (0..{n}).collect();
    println!("listing {index}: a shelf of {{}} things", shelf.len());
    let wanted = shelf.len() + {skip};
    println!("the one at {{wanted}} is {{}}", shelf[wanted]);
}}
"""

COMPILE_FAIL = """fn main() {{
    let words = vec![String::from("listing"), String::from("{index}")];
    let moved = words;
    println!("{{}} words, moved", moved.len());
    println!("{{}}", words.len());
}}
"""


def listing_files(index, kind):
    """(src/main.rs, the [package.metadata.transcript] lines, dependency lines)."""
    n, skip = 5 + index % 17, index % 3
    if kind == "std":
        return STD.format(n=n, index=index, skip=skip), "", ""
    if kind == "tokio":
        return (TOKIO.format(index=index, a=10 * (1 + index % 7), b=10 * (1 + index % 5)), "",
                "tokio.workspace = true\n")
    if kind == "panic":
        return PANIC.format(n=n, index=index, skip=skip), 'expect = "panic"\n', ""
    return COMPILE_FAIL.format(index=index), 'expect = { compile-error = "E0382" }\n', ""


def write_listing(code, page, index, kind):
    name = f"listing-{index:03}-{kind}"
    directory = code / f"page-{page:02}" / name
    (directory / "src").mkdir(parents=True)
    main_rs, meta, deps = listing_files(index, kind)
    (directory / "src" / "main.rs").write_text(main_rs)
    manifest = (f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition.workspace = true\n'
                f'publish = false\n\n[package.metadata.transcript]\n'
                f'caption = "Listing {index}, {kind}"\n{meta}\n[dependencies]\n{deps}')
    if kind == "compile-fail":
        manifest += (f'\n[features]\ncompile-fail = []\n\n[[bin]]\nname = "{name}"\n'
                     f'path = "src/main.rs"\nrequired-features = ["compile-fail"]\n')
    (directory / "Cargo.toml").write_text(manifest)
    return name


def write_workspace(code):
    code.mkdir(parents=True)
    (code / "Cargo.toml").write_text(
        '[workspace]\nmembers = ["page-*/*", "deps"]\nresolver = "3"\n\n'
        '[workspace.package]\nedition = "2024"\n\n[workspace.dependencies]\n'
        'tokio = { version = "1", features = ["rt", "macros", "time", "test-util"] }\n')
    # Not a listing (a library with no transcript table): the listings' shared dependency,
    # so it can be built before a measurement that wants the listings cold and tokio warm.
    (code / "deps" / "src").mkdir(parents=True)
    (code / "deps" / "src" / "lib.rs").write_text("pub use tokio;\n")
    (code / "deps" / "Cargo.toml").write_text(
        '[package]\nname = "deps"\nversion = "0.1.0"\nedition.workspace = true\n'
        'publish = false\n\n[dependencies]\ntokio.workspace = true\n')
    # The versions this repository's own listings lock (tokio above all), kept by cargo
    # as it adds the generated packages and drops what they do not use.
    shutil.copy(ROOT / "code" / "Cargo.lock", code / "Cargo.lock")


def generate(book, listings, pages, tool):
    """Writes a book of `listings` listings over `pages` pages; returns the listing names."""
    code = book / "code"
    write_workspace(code)
    (book / "src").mkdir(parents=True)
    (book / "book.toml").write_text(
        '[book]\ntitle = "A synthetic book"\nsrc = "src"\n\n[preprocessor.transcript]\n'
        f'command = "{tool}"\nworkspace = "code"\n')
    names, summary = [], ["# Summary\n\n"]
    for page in range(pages):
        share = range(page * listings // pages, (page + 1) * listings // pages)
        body = [f"# Page {page + 1}\n\nThis page shows {len(share)} listings.\n"]
        for index in share:
            name = write_listing(code, page, index, KINDS[index % len(KINDS)])
            names.append(name)
            body.append(f"\nListing {index} does one small thing.\n\n{{{{#listing {name}}}}}\n")
        (book / "src" / f"page-{page + 1:02}.md").write_text("".join(body))
        summary.append(f"- [Page {page + 1}](page-{page + 1:02}.md)\n")
    (book / "src" / "SUMMARY.md").write_text("".join(summary))
    sh(["cargo", "metadata", "--offline", "--format-version=1"], code)  # the lock file
    return names


def cold_per_listing(tool, book, env, target):
    """Seconds per listing of a build with the listings cold and their dependencies built,
    the tool's peak memory (MiB) in that build, and seconds per listing of cargo alone
    building the same listings from the same start (`cargo build --workspace`)."""
    cold = dict(env, CARGO_TARGET_DIR=str(target))

    def from_dependencies_built():
        shutil.rmtree(target, ignore_errors=True)
        sh(["cargo", "build", "--quiet", "-p", "deps"], book / "code", env=cold)

    names = [path.parent.name for path in (book / "code").glob("page-*/*/Cargo.toml")]
    features = ",".join(f"{name}/compile-fail" for name in names if "compile-fail" in name)
    from_dependencies_built()
    cargo = sh(["cargo", "build", "--quiet", "--keep-going", "--workspace", "--features",
                features], book / "code", check=False, env=cold)
    from_dependencies_built()
    seconds, peak = sh_peak([tool, "build", book], book, env=cold)
    return seconds / len(names), seconds, peak, cargo / len(names)


def edit_time(tool, mdbook, book, floor, env, name, rounds):
    """The median build time after appending a comment to listing `name`, and the median
    of its floor: cargo's incremental build of that listing after the same edit, its run,
    and stock mdBook rendering `floor` (the book's expanded pages)."""
    main_rs = next((book / "code").glob(f"page-*/{name}/src/main.rs"))
    edits = iter(range(1_000_000))

    def edit():
        main_rs.write_text(main_rs.read_text() + f"// edit {next(edits)}\n")

    def edited_build():
        edit()
        return sh([tool, "build", book], book, env=env)

    def edited_floor():
        edit()
        built = sh(["cargo", "build", "--quiet", "-p", name], book / "code", env=env)
        ran = run_listing(Path(env["CARGO_TARGET_DIR"]), name, main_rs.parent.parent)
        return built + ran + sh([mdbook, "build", floor], floor)

    edited_build()  # unmeasured: the first build of one package alone may differ
    edited_floor()
    measured = median_of(rounds, edited_build), median_of(rounds, edited_floor)
    sh([tool, "build", book], book, env=env)  # the snapshot matches the source again
    return measured


def shard_times(tool, book, env, shards=4):
    """Each shard's `check` time, or nothing when this tool has no --shard."""
    help_text = subprocess.run([tool, "check", "--help"], capture_output=True, text=True)
    if "--shard" not in help_text.stdout:
        return []
    sh([tool, "check", book], book, env=env)  # every listing's time, in the run log
    # As on CI, every shard starts from the same run log: each run rewrites the times of
    # its own listings, and shards computed from different logs need not partition.
    log = Path(env["CARGO_TARGET_DIR"]) / "mdbook-transcript-runs.json"
    restored = log.read_bytes()
    times = []
    for k in range(1, shards + 1):
        log.write_bytes(restored)
        times.append(sh([tool, "check", "--shard", f"{k}/{shards}", book], book, env=env))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=500)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generate", type=Path, help="only write a book into this directory")
    options = parser.parse_args()
    target, env = tool_environment()
    if options.generate:
        generate(options.generate, options.listings, options.pages, "mdbook-transcript")
        return
    tool, mdbook = build_tool(target, env)
    scratch = Path(tempfile.mkdtemp(prefix="transcript-synthetic-"))
    try:
        measure(options, tool, mdbook, env, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(options, tool, mdbook, env, scratch):
    books = {}
    for count in sorted({63, 100, options.listings}):
        books[count] = scratch / f"book-{count}"
        generate(books[count], count, min(options.pages, count), tool)
    big, small = books[options.listings], books[100]
    warm = dict(env, CARGO_TARGET_DIR=str(scratch / "target"))
    print(f"bench: cold builds of 100 and {options.listings} listings, and cargo's alone",
          file=sys.stderr)
    per_small, _, _, cargo_small = cold_per_listing(tool, small, env, scratch / "target")
    per_big, cold_big, cold_peak, cargo_big = cold_per_listing(tool, big, env,
                                                               scratch / "target")
    print("bench: warm build vs the render floor", file=sys.stderr)
    floors = {count: scratch / f"floor-{count}" for count in (63, options.listings)}
    sh([tool, "build", books[63]], books[63], env=warm)
    for count, floor in floors.items():
        render_floor(books[count], tool, mdbook, floor)
        sh([mdbook, "build", floor], floor)
    floor = floors[options.listings]
    warm_tool, warm_peak = sh_peak([tool, "build", big], big, env=warm)
    warm_tool, warm_floor = medians_in_turns(
        WARM_ROUNDS, lambda: sh([tool, "build", big], big, env=warm),
        lambda: sh([mdbook, "build", floor], floor))
    print("bench: one edited listing, 63 and N listings", file=sys.stderr)
    edit_small = edit_time(tool, mdbook, books[63], floors[63], warm, "listing-001-std",
                           options.rounds)
    edit_big = edit_time(tool, mdbook, big, floor, warm, "listing-001-std", options.rounds)
    print("bench: check in 4 shards", file=sys.stderr)
    shards = shard_times(tool, big, warm)

    n = options.listings
    print_header()
    print(ratio_row(f"cold, per listing: {n} vs 100 listings", per_big, per_small, "<= 1.1"))
    print(reference_row(f"  cargo alone, per listing: {n} vs 100 listings", cargo_big,
                        cargo_small))
    print(ratio_row(f"warm build of {n} listings vs the render floor", warm_tool, warm_floor,
                    "<= 1.1"))
    print(ratio_row(f"one edited listing, {n} listings: vs cargo -p + run + floor",
                    *edit_big, "<= 1.1"))
    print(ratio_row("one edited listing, 63 listings: vs cargo -p + run + floor",
                    *edit_small, "<= 1.1"))
    big_ratio, small_ratio = edit_big[0] / edit_big[1], edit_small[0] / edit_small[1]
    quotient = big_ratio / small_ratio
    print(f"{f'edit: the {n}-listing ratio vs the 63-listing one':<62} {big_ratio:>9.2f} "
          f"{small_ratio:>10.2f} {quotient:>6.2f}  <= 1.2 {'met' if quotient <= 1.2 else 'MISSED'}")
    print(reference_row(f"  edit time: {n}-listing vs 63-listing book", edit_big[0],
                        edit_small[0]))
    if shards:
        print(ratio_row("check --shard K/4: slowest shard vs the mean", max(shards),
                        statistics.mean(shards), "<= 1.2"))
    print(f"({n} listings over {options.pages} pages, {os.cpu_count()} cores; cold build "
          f"{cold_big:.1f}s with dependencies built; shards "
          f"{', '.join(f'{s:.1f}s' for s in shards)}; the tool's peak memory "
          f"{cold_peak:.0f} MiB cold, {warm_peak:.0f} MiB warm)")


if __name__ == "__main__":
    main()
