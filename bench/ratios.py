#!/usr/bin/env python3
"""Speed goals of mdbook-transcript, measured side by side in one run, printed as ratios.

Usage: python3 bench/ratios.py [--rounds N]      (from the repository root)

Works on a scratch copy of the book (book.toml, src/, theme/, code/ without target/),
so the repository is never touched. "Cold" means what it means for cargo: an empty target
directory for the listings (tokio, reqwest, axum... and every listing compile from
scratch) and no snapshots; the tool itself is built beforehand. The other measurements
use the shared target directory (CARGO_TARGET_DIR, else ./target), warm.

Each ratio compares the tool with the least work anything could do for the same result:

  warm   build, nothing changed       vs  stock `mdbook build` of the same pages without
                                          the preprocessor                    goal <= 1.3
  cold   build, no snapshots, every   vs  one `cargo build` of every listing crate
         listing recompiled               + the longest single listing run    goal <= 1.15
  edit   build after editing one      vs  cargo's incremental build of that crate
         listing                          + its own run                       goal <= 1.2
  check  check of the whole book      vs  the same listings, one at a time
                                          (compile-fail ones: compiled alone) goal >= 1.8
                                          (printed as baseline / tool)
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sh(args, cwd, check=True, env=None):
    """Runs a command quietly; returns its wall time in seconds."""
    started = time.monotonic()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if check and done.returncode != 0:
        sys.exit(f"bench: `{' '.join(map(str, args))}` failed in {cwd}:\n{done.stderr}")
    return elapsed


def median_of(rounds, measure):
    return statistics.median(measure() for _ in range(rounds))


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


def is_exclusive(directory):
    with open(directory / "Cargo.toml", "rb") as manifest:
        meta = tomllib.load(manifest).get("package", {}).get("metadata", {})
    return bool(meta.get("transcript", {}).get("exclusive", False))


def touch_sources(all_listings):
    for _, directory, _ in all_listings:
        for source in (directory / "src").rglob("*.rs"):
            source.touch()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per warm measurement")
    options = parser.parse_args()

    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("CI", None)
    print("bench: building the tool (release)", file=sys.stderr)
    sh(["cargo", "build", "--quiet", "--release", "-p", "mdbook-transcript"], ROOT, env=env)
    tool = target / "release" / "mdbook-transcript"
    mdbook = shutil.which("mdbook") or str(target / "tools" / "bin" / "mdbook")

    scratch = Path(tempfile.mkdtemp(prefix="transcript-bench-"))
    book = scratch / "book"
    plain = scratch / "plain"
    try:
        for copy in (book, plain):
            copy.mkdir()
            shutil.copy(ROOT / "book.toml", copy)
            for part in ("src", "theme"):
                shutil.copytree(ROOT / part, copy / part)
        shutil.copytree(ROOT / "code", book / "code",
                        ignore=shutil.ignore_patterns("target", "transcript.toml"))
        # The same pages, rendered by stock mdBook with no preprocessor of ours.
        config = (plain / "book.toml").read_text()
        start = config.index("[preprocessor.transcript]")
        end = config.index("\n[", start + 1)
        (plain / "book.toml").write_text(config[:start] + config[end + 1:])

        code = book / "code"
        every = listings(code)
        runnable = [(n, d) for n, d, fails in every if not fails]
        compile_fail = [(n, d) for n, d, fails in every if fails]
        env_ws = dict(env)

        # cold: the tool, from nothing (no snapshots, an empty target directory) ...
        print(f"bench: {len(every)} listings; cold build (a few minutes)", file=sys.stderr)
        cold_env = dict(env, CARGO_TARGET_DIR=str(scratch / "cold-tool"))
        cold_tool = sh([tool, "build", book], book, env=cold_env)
        # ... vs one cargo build of every crate from nothing, plus the longest single run.
        features = ",".join(f"{n}/compile-fail" for n, _ in compile_fail)
        cargo_all = sh(["cargo", "build", "--quiet", "--keep-going", "--workspace",
                        "--features", features], code, check=False,
                       env=dict(env, CARGO_TARGET_DIR=str(scratch / "cold-cargo")))
        shutil.rmtree(scratch / "cold-tool", ignore_errors=True)
        shutil.rmtree(scratch / "cold-cargo", ignore_errors=True)
        sh(["cargo", "build", "--quiet", "--keep-going", "--workspace", "--features", features],
           code, check=False, env=env_ws)  # the warm target dir, for everything below
        sh([tool, "build", book], book, env=env)
        runs = {}
        for name, directory in runnable:
            runs[name] = sh([target / "debug" / name], directory, check=False,
                            env={"PATH": os.environ["PATH"], "RUST_BACKTRACE": "0"})
        longest = max(runs, key=runs.get)
        cold_base = cargo_all + runs[longest]

        # warm: nothing changed vs stock mdbook without the preprocessor.
        print("bench: warm build", file=sys.stderr)
        warm_tool = median_of(options.rounds, lambda: sh([tool, "build", book], book, env=env))
        warm_base = median_of(options.rounds, lambda: sh([mdbook, "build", plain], plain))

        # edit: one listing edited vs cargo's incremental build of it + its run. One
        # round first, unmeasured: building one package alone can build a dependency with
        # fewer features than the whole workspace needs, once; neither side should pay it.
        name, directory = next((n, d) for n, d in runnable if runs[n] < 1.0)
        main_rs = directory / "src" / "main.rs"
        print(f"bench: one edited listing ({name})", file=sys.stderr)
        edits = iter(range(1_000_000))

        def edit():
            main_rs.write_text(main_rs.read_text() + f"// edit {next(edits)}\n")

        def tool_after_edit():
            edit()
            return sh([tool, "build", book], book, env=env)

        def cargo_after_edit():
            edit()
            return sh(["cargo", "build", "--quiet", "-p", name], code, env=env_ws) + sh(
                [target / "debug" / name], directory, check=False,
                env={"PATH": os.environ["PATH"], "RUST_BACKTRACE": "0"})

        tool_after_edit()
        cargo_after_edit()
        edit_tool = median_of(options.rounds, tool_after_edit)
        edit_base = median_of(options.rounds, cargo_after_edit)
        sh([tool, "build", book], book, env=env)  # snapshots match the sources again

        # check: the whole book vs the same listings one at a time.
        print("bench: check", file=sys.stderr)
        check_tool = sh([tool, "check", book], book, env=env)
        one_by_one = sum(runs.values())
        exclusive = [n for n, d in runnable if is_exclusive(d)]
        exclusive_time = sum(runs[n] for n in exclusive)
        for name_cf, _ in compile_fail:
            one_by_one += sh(["cargo", "build", "--quiet", "-p", name_cf,
                              "--features", f"{name_cf}/compile-fail"], code, check=False,
                             env=env_ws)

        rows = [
            ("warm build vs mdbook alone", warm_tool, warm_base, warm_tool / warm_base, "<= 1.3"),
            (f"cold build vs cargo + longest run ({longest})", cold_tool, cold_base,
             cold_tool / cold_base, "<= 1.15"),
            (f"one edited listing ({name}) vs cargo -p + run", edit_tool, edit_base,
             edit_tool / edit_base, "<= 1.2"),
            ("check vs one at a time (speed-up)", check_tool, one_by_one,
             one_by_one / check_tool, ">= 1.8"),
        ]
        print(f"{'measure':<58} {'tool':>8} {'baseline':>9} {'ratio':>6}  goal")
        for label, ours, theirs, ratio, goal in rows:
            limit = float(goal.split()[1])
            met = ratio <= limit if goal.startswith("<=") else ratio >= limit
            print(f"{label:<58} {ours:>7.2f}s {theirs:>8.2f}s {ratio:>6.2f}  {goal} "
                  f"{'met' if met else 'MISSED'}")
        print(f"({len(every)} listings, {os.cpu_count()} cores; {len(exclusive)} exclusive listings "
              f"run alone by design, {exclusive_time:.2f}s of runs: without them check takes "
              f"{check_tool - exclusive_time:.2f}s vs {one_by_one - exclusive_time:.2f}s one at a "
              f"time, {(one_by_one - exclusive_time) / (check_tool - exclusive_time):.2f}x)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
