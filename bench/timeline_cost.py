#!/usr/bin/env python3
"""Recording a timeline must not change what a listing measures. Runs a timing listing
that records one (sequential-vs-join: it prints how long its awaits took) with and
without the side channel (TRANSCRIPT_EVENTS set to a temp file, as the tool sets it) and
prints the ratio of the times it measured itself. Goal: within 2%.

Caveat: that listing's times are mostly sleeps, so this measures the recorder's cost per
poll against a wait-dominated program, the chapter's case; a poll-heavy listing would
show the per-poll cost (one locked write per poll) more."""

import os
import re
import statistics
import subprocess
import sys
import tempfile

from benchlib import ROOT, sh, tool_environment

LISTING = "sequential-vs-join"
ROUNDS = int(os.environ.get("ROUNDS", "9"))


def measured_ms(binary, events):
    """The sum of the times the listing printed (`in N ms`), in one run."""
    env = {"PATH": os.environ["PATH"], "RUST_BACKTRACE": "0"}
    if events:
        env["TRANSCRIPT_EVENTS"] = events
    out = subprocess.run([binary], env=env, capture_output=True, text=True, check=True).stdout
    return sum(int(ms) for ms in re.findall(r"in (\d+) ms", out))


def main():
    target, env = tool_environment()
    code = ROOT / "code"
    print(f"bench: building {LISTING}", file=sys.stderr)
    sh(["cargo", "build", "--quiet", "-p", LISTING], code, env=env)
    binary = target / "debug" / LISTING
    plain, recorded = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(ROUNDS):
            events = os.path.join(scratch, f"events-{round_}.jsonl")
            # Alternate, so drift in the machine's load hits both alike.
            plain.append(measured_ms(binary, None))
            recorded.append(measured_ms(binary, events))
        lines = sum(1 for _ in open(events))
    without, with_ = statistics.median(plain), statistics.median(recorded)
    ratio = with_ / without
    print(f"{LISTING}: median of {ROUNDS} runs: {without:.0f} ms without recording, "
          f"{with_:.0f} ms with ({lines} events a run)")
    print(f"ratio with/without: {ratio:.4f}  goal <= 1.02 {'met' if ratio <= 1.02 else 'MISSED'}")


if __name__ == "__main__":
    main()
