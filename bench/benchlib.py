"""What the benchmarks share: timing commands, finding listings, scratch copies of a book,
and the render floor (the pages the tool produces, written out as plain Markdown)."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def sh(args, cwd, check=True, env=None):
    """Runs a command quietly; returns its wall time in seconds."""
    started = time.monotonic()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if check and done.returncode != 0:
        sys.exit(f"bench: `{' '.join(map(str, args))}` failed in {cwd}:\n{done.stderr}")
    return elapsed


def sh_peak(args, cwd, env=None):
    """Runs a command quietly; returns (wall seconds, its own peak resident memory in MiB).

    The peak is the process's VmHWM (high-water mark of its resident set), read from /proc
    every 10 ms while it runs: the tool's own memory, not that of the cargo and rustc it
    starts (getrusage would report the largest descendant instead)."""
    started = time.monotonic()
    child = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    peak_kib = [0]

    def sample():
        status = Path(f"/proc/{child.pid}/status")
        while child.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak_kib[0] = max(peak_kib[0], int(line.split()[1]))
            except (FileNotFoundError, ProcessLookupError, ValueError):
                return
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = child.communicate()
    sampler.join()
    elapsed = time.monotonic() - started
    if child.returncode != 0:
        sys.exit(f"bench: `{' '.join(map(str, args))}` failed in {cwd}:\n{stderr}")
    return elapsed, peak_kib[0] / 1024


def median_of(rounds, measure):
    return statistics.median(measure() for _ in range(rounds))


# A warm build takes about 0.1 s, where a busy neighbour on a shared machine moves a
# single measure by 10%: many rounds, the two sides taken in turns.
WARM_ROUNDS = 15


def medians_in_turns(rounds, ours, theirs):
    """The medians of `rounds` measures of each of two commands, taken in turns, so that
    whatever else the machine does falls on both alike."""
    pairs = [(ours(), theirs()) for _ in range(rounds)]
    return (statistics.median(pair[0] for pair in pairs),
            statistics.median(pair[1] for pair in pairs))


def listings(code):
    """(name, dir, compile_fail) of every listing package (a package with a binary)."""
    out = subprocess.run(["cargo", "metadata", "--no-deps", "--format-version=1", "--offline"],
                         cwd=code, check=True, capture_output=True, text=True).stdout
    found = []
    for package in json.loads(out)["packages"]:
        bins = [t for t in package["targets"] if "bin" in t["kind"]]
        if bins:
            needs = bins[0].get("required-features", [])
            found.append((package["name"], Path(package["manifest_path"]).parent,
                          "compile-fail" in needs))
    return sorted(found)


def transcript_meta(directory):
    with open(directory / "Cargo.toml", "rb") as manifest:
        meta = tomllib.load(manifest).get("package", {}).get("metadata", {})
    return meta.get("transcript", {})


def is_run(directory):
    """Whether the tool runs the listing's binary (not only builds, tests or lints it: a
    clippy listing may show a program that deadlocks on purpose)."""
    return transcript_meta(directory).get("command", "run") == "run"


def is_exclusive(directory):
    return bool(transcript_meta(directory).get("exclusive", False))


def tool_environment():
    """The environment the benchmarks run in: the shared target dir, not under CI."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("CI", None)
    env.pop("GITHUB_ACTIONS", None)
    return target, env


def build_tool(target, env):
    """Builds the tool (release) and finds stock mdbook 0.5.4; returns both paths."""
    print("bench: building the tool (release)", file=sys.stderr)
    sh(["cargo", "build", "--quiet", "--release", "-p", "mdbook-transcript"], ROOT, env=env)
    tool = target / "release" / "mdbook-transcript"
    mdbook = shutil.which("mdbook") or str(target / "tools" / "bin" / "mdbook")
    if not Path(mdbook).exists():
        sys.exit("bench: no stock mdbook: run `cargo test --workspace` once (it installs "
                 "mdbook 0.5.4 into the target directory) or put mdbook 0.5.4 on PATH")
    return tool, mdbook


def run_listing(target, name, directory):
    """Runs one listing's built binary as the tool would (no terminal, no backtraces)."""
    return sh([target / "debug" / name], directory, check=False,
              env={"PATH": os.environ["PATH"], "RUST_BACKTRACE": "0"})


def without_table(config, table):
    """book.toml text without one `[table]` (and its keys)."""
    start = config.index(f"[{table}]")
    end = config.find("\n[", start + 1)
    return config[:start] + (config[end + 1:] if end != -1 else "")


def with_tool_command(config, tool):
    """book.toml text whose `[preprocessor.transcript]` runs `tool` (an absolute path)."""
    out, in_table = [], False
    for line in config.splitlines(keepends=True):
        if line.lstrip().startswith("["):
            in_table = line.strip() == "[preprocessor.transcript]"
            out.append(line)
            if in_table:
                out.append(f'command = "{tool}"\n')
        elif not (in_table and line.split("=")[0].strip() == "command"):
            out.append(line)
    return "".join(out)


def render_floor(book, tool, mdbook, floor):
    """Writes `floor`: a book with the same rendered content as `book` but no preprocessor
    of ours, its pages the Markdown the tool produced (listings, transcripts and all).

    Stock mdBook runs the tool, then `dump_pages.py` (a preprocessor that only writes each
    chapter's content out), on a copy of the book; the floor is that content with the
    book's SUMMARY.md, theme and book.toml minus the tool's table. Rendering the floor is
    the least work any tool could do to show the same pages."""
    dumped = floor.parent / (floor.name + "-dumped")
    config = (book / "book.toml").read_text()
    own = with_tool_command(config, tool)
    dump_table = (f'\n[preprocessor.dump]\ncommand = "python3 {BENCH / "dump_pages.py"} '
                  f'{dumped}"\nafter = ["transcript"]\n')
    (book / "book.toml").write_text(own + dump_table)
    try:
        sh([mdbook, "build", "--dest-dir", floor.parent / (floor.name + "-html"), book], book)
    finally:
        (book / "book.toml").write_text(config)
    shutil.rmtree(floor, ignore_errors=True)
    floor.mkdir(parents=True)
    source = tomllib.loads(config).get("book", {}).get("src", "src")
    shutil.copytree(dumped, floor / source)
    shutil.copy(book / source / "SUMMARY.md", floor / source / "SUMMARY.md")
    if (book / "theme").is_dir():
        shutil.copytree(book / "theme", floor / "theme")
    (floor / "book.toml").write_text(without_table(config, "preprocessor.transcript"))
    shutil.rmtree(dumped)
    shutil.rmtree(floor.parent / (floor.name + "-html"))


def same_pages(one, other):
    """Whether two rendered books hold the same pages (the search index aside, whose file
    name hashes its JSON); returns the differing file names."""
    differ = subprocess.run(["diff", "-rq", "-I", "searchindex-", "--exclude=searchindex-*",
                             "--exclude=searcher-*", one, other], capture_output=True,
                            text=True).stdout
    return differ.splitlines()


def ratio_row(label, ours, theirs, goal, speedup=False):
    """One printed line: label, both times, the ratio and whether the goal is met."""
    ratio = theirs / ours if speedup else ours / theirs
    limit = float(goal.split()[1])
    met = ratio <= limit if goal.startswith("<=") else ratio >= limit
    return (f"{label:<62} {ours:>8.2f}s {theirs:>9.2f}s {ratio:>6.2f}  {goal} "
            f"{'met' if met else 'MISSED'}")


def reference_row(label, ours, theirs):
    """A printed line measured for reference, with no goal of its own."""
    return f"{label:<62} {ours:>8.2f}s {theirs:>9.2f}s {ours / theirs:>6.2f}  (reference)"


def print_header():
    print(f"{'measure':<62} {'tool':>9} {'baseline':>10} {'ratio':>6}  goal")
