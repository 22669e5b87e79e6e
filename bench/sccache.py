#!/usr/bin/env python3
"""A shared compile cache (sccache) under mdbook-transcript: faster clean checks, same keys.

Usage: python3 bench/sccache.py [--sccache PATH]       (from the repository root)

On a scratch copy of the book with its committed snapshots, each `check` from an empty
target directory, as a CI machine without a target cache starts:

  1. without a wrapper                                   (the baseline)
  2. RUSTC_WRAPPER=sccache, an empty sccache cache        (fills it)
  3. RUSTC_WRAPPER=sccache again, a new empty target dir  (hits it)

and prints 1 / 3 (how much faster a clean check gets from the cache; goal > 1) and 2 / 1
(what filling the cache costs). Then `build` under CI=true with the wrapper: it fails if
any listing's key differs from its committed snapshot's, so passing it shows that the
wrapper changes no key.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import ROOT, build_tool, print_header, ratio_row, sh, tool_environment


def scratch_book_with_snapshots(scratch):
    book = scratch / "book"
    book.mkdir()
    shutil.copy(ROOT / "book.toml", book)
    for part in ("src", "theme"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, book / part)
    shutil.copytree(ROOT / "code", book / "code", ignore=shutil.ignore_patterns("target"))
    return book


def find_sccache(given):
    found = given or shutil.which("sccache")
    if not found or not Path(found).exists():
        sys.exit("bench: no sccache: `cargo install sccache --locked --no-default-features` "
                 "(or pass --sccache PATH)")
    return str(Path(found).resolve())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sccache", help="the sccache binary (default: on PATH)")
    options = parser.parse_args()
    sccache = find_sccache(options.sccache)
    target, env = tool_environment()
    tool, _ = build_tool(target, env)
    scratch = Path(tempfile.mkdtemp(prefix="transcript-sccache-"))
    try:
        book = scratch_book_with_snapshots(scratch)
        cached = dict(env, RUSTC_WRAPPER=sccache, SCCACHE_DIR=str(scratch / "sccache"),
                      SCCACHE_IDLE_TIMEOUT="0")

        def clean_check(environment, name):
            print(f"bench: check from an empty target dir ({name})", file=sys.stderr)
            # One path for every clean check, as on a CI machine: sccache hashes the
            # CARGO_* variables rustc sees, CARGO_TARGET_DIR among them, so a new path
            # per check would miss every time (measured: 0 hits of 218).
            target_dir = scratch / "target-clean"
            seconds = sh([tool, "check", book], book,
                         env=dict(environment, CARGO_TARGET_DIR=str(target_dir)))
            shutil.rmtree(target_dir)
            return seconds

        plain = clean_check(env, "no-wrapper")
        subprocess.run([sccache, "--start-server"], env=cached, check=True,
                       capture_output=True)
        filling = clean_check(cached, "sccache-empty")
        hitting = clean_check(cached, "sccache-full")
        stats = subprocess.run([sccache, "--show-stats"], env=cached, capture_output=True,
                               text=True).stdout
        keys = subprocess.run([tool, "build", book], cwd=book, capture_output=True, text=True,
                              env=dict(cached, CI="true",
                                       CARGO_TARGET_DIR=str(scratch / "target-keys")))
        subprocess.run([sccache, "--stop-server"], env=cached, capture_output=True)

        print_header()
        print(ratio_row("clean check, sccache warm vs no wrapper (speed-up)", hitting, plain,
                        ">= 1.0", speedup=True))
        print(ratio_row("clean check, sccache empty vs no wrapper (its cost)", filling, plain,
                        "<= 1.2"))
        hits = [line.strip() for line in stats.splitlines()
                if line.startswith(("Compile requests  ", "Cache hits  ", "Cache misses  "))]
        print(f"(sccache: {'; '.join(' '.join(h.split()) for h in hits)})")
        print("keys under RUSTC_WRAPPER=sccache: "
              + ("unchanged (CI=true build wrote and failed nothing)" if keys.returncode == 0
                 else f"CHANGED:\n{keys.stderr}"))
        if keys.returncode != 0:
            sys.exit(1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
