#!/usr/bin/env python3
"""Speed goals of mdbook-transcript on this book, measured side by side in one run.

Usage: python3 bench/ratios.py [--rounds N] [--sample-all]     (from the repository root)

Works on a scratch copy of the book (book.toml, src/, theme/, code/ without target/), so
the repository is never touched. "Cold" means what it means for cargo: an empty target
directory (tokio, reqwest, axum... and every listing compile from scratch) and no
snapshots; the tool itself is built beforehand. The rest uses the shared target
directory (CARGO_TARGET_DIR, else ./target), warm.

Each ratio compares the tool with the least work anything could do for the same result.
The render floor is stock `mdbook build` of the *same rendered content*: the pages the
tool produces, written out as plain Markdown (benchlib.render_floor), so the floor
renders every listing's code and transcript too and only the tool's own work is left.

  warm   build, nothing changed        vs  the render floor                   goal <= 1.1
  edit   build after editing one       vs  cargo's incremental build of that
         listing                           listing + its run + the floor      goal <= 1.1
  cold   build, empty target dir,      vs  one cargo build of every listing, as
         no snapshots                          its page shows it (`cargo build`
                                           of the workspace, then `cargo
                                           build --tests` of the `test`
                                           listings and `cargo clippy` of the
                                           `clippy` ones) + the longest run   goal <= 1.1
  check  check of the whole book       vs  the same listings one at a time
                                           (printed as baseline / tool)       goal >= 1.8
  model  cold build                    vs  one Cargo project per listing, each built
                                           from clean and run (how classic books
                                           regenerate output): one listing of each
                                           dependency set measured, times its count
                                           (printed as baseline / tool)       goal >= 10
"""

import argparse
import os
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

from benchlib import (ROOT, WARM_ROUNDS, build_tool, is_exclusive, is_run, listings, median_of,
                      medians_in_turns, print_header, ratio_row, render_floor, run_listing,
                      same_pages, sh, tool_environment, transcript_meta)


def scratch_book(scratch):
    book = scratch / "book"
    book.mkdir()
    shutil.copy(ROOT / "book.toml", book)
    for part in ("src", "theme"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, book / part)
    shutil.copytree(ROOT / "code", book / "code",
                    ignore=shutil.ignore_patterns("target", "transcript.toml"))
    return book


def dependency_set(directory, compile_fail):
    with open(directory / "Cargo.toml", "rb") as manifest:
        package = tomllib.load(manifest)
    return (tuple(sorted(package.get("dependencies", {}))), compile_fail)


def standalone_project(code, name, directory, dest):
    """One listing as its own Cargo project (its own workspace, lock file and target dir),
    depending on the same versions (the book's Cargo.lock, pruned by cargo)."""
    dest.mkdir()
    shutil.copytree(directory, dest / name, ignore=shutil.ignore_patterns("transcript.toml"))
    workspace = (code / "Cargo.toml").read_text()
    workspace = workspace.replace('members = ["ch12-*/*", "support"]', f'members = ["{name}"]')
    workspace = workspace.replace('support = { path = "support" }',
                                  f'support = {{ path = "{code / "support"}" }}')
    (dest / "Cargo.toml").write_text(workspace)
    shutil.copy(code / "Cargo.lock", dest / "Cargo.lock")


def separate_projects(code, every, scratch):
    """The model of one project per listing, measured on one listing per dependency set
    and extrapolated by each set's count; returns (total seconds, rows of the sample)."""
    classes = {}
    for name, directory, compile_fail in every:
        classes.setdefault(dependency_set(directory, compile_fail), []).append((name, directory))
    total, sample = 0.0, []
    for (deps, compile_fail), members in sorted(classes.items()):
        name, directory = members[0]
        project = scratch / f"alone-{name}"
        standalone_project(code, name, directory, project)
        env = dict(os.environ, CARGO_TARGET_DIR=str(project / "target"))
        env.pop("CI", None)
        features = ["--features", f"{name}/compile-fail"] if compile_fail else []
        seconds = sh(["cargo", "build", "--quiet", "-p", name, *features], project,
                     check=not compile_fail, env=env)
        if not compile_fail and is_run(directory):
            seconds += run_listing(project / "target", name, project / name)
        total += seconds * len(members)
        sample.append((name, deps, len(members), seconds))
        shutil.rmtree(project)
    return total, sample


def measure_cold(tool, book, code, every, env, scratch):
    """The tool from nothing vs one cargo build of every crate from nothing + the longest
    run; leaves the shared target dir warm and the book's snapshots written."""
    print(f"bench: {len(every)} listings; cold build (a few minutes)", file=sys.stderr)
    # Both sides start with every crate downloaded: whichever ran first would otherwise
    # also pay for the registry (seen: 2.57 at 74 listings, new dependencies fetched by
    # the tool's build, then found by cargo's; CPU time of the two was the same).
    sh(["cargo", "fetch", "--locked"], code, env=env)
    cold_tool = sh([tool, "build", book], book,
                   env=dict(env, CARGO_TARGET_DIR=str(scratch / "cold-tool")))
    features = ",".join(f"{n}/compile-fail" for n, _, fails in every if fails)
    cold_cargo = dict(env, CARGO_TARGET_DIR=str(scratch / "cold-cargo"))
    cargo_all = sh(["cargo", "build", "--quiet", "--keep-going", "--workspace",
                    "--features", features], code, check=False, env=cold_cargo)
    # A listing shown through `cargo clippy` or its tests is built that way too: clippy
    # checks its dependencies again (in check mode), as the tool's build must.
    for command, args in [("test", ["build", "--tests"]), ("clippy", ["clippy"])]:
        named = [n for n, d, _ in every if transcript_meta(d).get("command") == command]
        if named:
            packages = [arg for n in named for arg in ("-p", n)]
            cargo_all += sh(["cargo", *args, "--quiet", "--keep-going", *packages], code,
                            check=False, env=cold_cargo)
    shutil.rmtree(scratch / "cold-tool", ignore_errors=True)
    shutil.rmtree(scratch / "cold-cargo", ignore_errors=True)
    sh(["cargo", "build", "--quiet", "--keep-going", "--workspace", "--features", features],
       code, check=False, env=env)
    sh([tool, "build", book], book, env=env)
    return cold_tool, cargo_all, features


def measure_edit(tool, mdbook, book, floor, code, target, env, name, rounds):
    directory = next(d for n, d, _ in listings(code) if n == name)
    main_rs = directory / "src" / "main.rs"
    edits = iter(range(1_000_000))

    def edit():
        main_rs.write_text(main_rs.read_text() + f"// edit {next(edits)}\n")

    def tool_after_edit():
        edit()
        return sh([tool, "build", book], book, env=env)

    def floor_after_edit():
        edit()
        return (sh(["cargo", "build", "--quiet", "-p", name], code, env=env)
                + run_listing(target, name, directory) + sh([mdbook, "build", floor], floor))

    # One round of each first, unmeasured: building one package alone can build a
    # dependency with fewer features than the whole workspace needs, once.
    tool_after_edit()
    floor_after_edit()
    measured = median_of(rounds, tool_after_edit), median_of(rounds, floor_after_edit)
    sh([tool, "build", book], book, env=env)  # snapshots match the sources again
    return measured


def measure_check(tool, book, code, every, runs, env):
    check_tool = sh([tool, "check", book], book, env=env)
    one_by_one = sum(runs.values())
    for name, _, fails in every:
        if fails:
            one_by_one += sh(["cargo", "build", "--quiet", "-p", name,
                              "--features", f"{name}/compile-fail"], code, check=False, env=env)
    return check_tool, one_by_one


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per edit measurement")
    options = parser.parse_args()
    target, env = tool_environment()
    tool, mdbook = build_tool(target, env)
    scratch = Path(tempfile.mkdtemp(prefix="transcript-bench-"))
    try:
        book = scratch_book(scratch)
        code = book / "code"
        every = listings(code)
        runnable = [(n, d) for n, d, fails in every if not fails and is_run(d)]
        cold_tool, cargo_all, _ = measure_cold(tool, book, code, every, env, scratch)
        runs = {n: run_listing(target, n, d) for n, d in runnable}
        longest = max(runs, key=runs.get)

        print("bench: the render floor, warm build", file=sys.stderr)
        floor = scratch / "floor"
        render_floor(book, tool, mdbook, floor)
        sh([mdbook, "build", floor], floor)
        differ = same_pages(book / "book", floor / "book")
        warm_tool, warm_floor = medians_in_turns(
            WARM_ROUNDS, lambda: sh([tool, "build", book], book, env=env),
            lambda: sh([mdbook, "build", floor], floor))

        name = next(n for n, _ in runnable if runs[n] < 1.0)
        print(f"bench: one edited listing ({name})", file=sys.stderr)
        edit_tool, edit_floor = measure_edit(tool, mdbook, book, floor, code, target, env,
                                             name, options.rounds)
        print("bench: check", file=sys.stderr)
        check_tool, one_by_one = measure_check(tool, book, code, every, runs, env)
        print("bench: one project per listing, from clean (a sample)", file=sys.stderr)
        model, sample = separate_projects(code, every, scratch)

        print_header()
        print(ratio_row("warm build vs the render floor", warm_tool, warm_floor, "<= 1.1"))
        print(ratio_row(f"one edited listing ({name}) vs cargo -p + run + floor", edit_tool,
                        edit_floor, "<= 1.1"))
        print(ratio_row(f"cold build vs cargo + longest run ({longest})", cold_tool,
                        cargo_all + runs[longest], "<= 1.1"))
        print(ratio_row("check vs one at a time (speed-up)", check_tool, one_by_one,
                        ">= 1.8", speedup=True))
        print(ratio_row(f"cold build vs one project per listing ({len(every)})", cold_tool,
                        model, ">= 10", speedup=True))
        exclusive = [n for n, d in runnable if is_exclusive(d)]
        print(f"({len(every)} listings, {os.cpu_count()} cores; {len(exclusive)} exclusive, "
              f"{sum(runs[n] for n in exclusive):.2f}s of runs alone by design; the floor "
              f"renders {'the same pages' if not differ else f'{len(differ)} other files'})")
        print("one project per listing, measured on one listing of each dependency set:")
        for listing, deps, count, seconds in sample:
            kind = "compile-fail" if listing in {n for n, _, f in every if f} else "runs"
            print(f"  {listing:<36} {seconds:>6.1f}s x {count:>2}  "
                  f"({', '.join(deps) or 'std only'}; {kind})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
