#!/usr/bin/env python3
# tests/conformance/check.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one conformance case through the engine and compare with its golden.

    check.py --copyscope BIN --actual-dir DIR CASE    (CASE like python/03_alias)

Runs `BIN facts CASE.py`, writes what it printed to DIR/CASE.json (kept, so a
failing case can be inspected), and compares it with CASE.json next to
CASE.py using compare.py.  Exit status (meson 'exitcode' protocol):

  0  the case matched; or it is listed in known-failures.txt and failed
  1  the case failed; or it is listed and passed unexpectedly (remove it
     from the list); or the engine crashed or hung (never acceptable)
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True     # keep the source tree clean
import compare  # noqa: E402

TIMEOUT = 60


def known_failures(path):
    """{case path without .py: reason} from known-failures.txt."""
    known = {}
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry, _, why = line.partition("#")
            entry = entry.strip()
            if entry:
                known[entry[:-3] if entry.endswith(".py") else entry] = why.strip() or "no reason given"
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copyscope", required=True, help="the copyscope binary")
    ap.add_argument("--actual-dir", required=True, help="where the engine's facts are written")
    ap.add_argument("--known", default=os.path.join(HERE, "known-failures.txt"))
    ap.add_argument("case", help="case path relative to this folder, without .py")
    args = ap.parse_args()
    case = args.case[:-3] if args.case.endswith(".py") else args.case
    script = os.path.join(HERE, case + ".py")
    golden = os.path.join(HERE, case + ".json")
    actual = os.path.join(args.actual_dir, case + ".json")
    os.makedirs(os.path.dirname(actual), exist_ok=True)
    reason = known_failures(args.known).get(case)

    try:
        with open(actual, "w", encoding="utf-8") as out:
            run = subprocess.run([args.copyscope, "facts", script], stdout=out,
                                 stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        print("FAIL %s: copyscope facts did not finish in %d s (a hang is never acceptable)" % (case, TIMEOUT))
        return 1
    stderr = run.stderr.decode("utf-8", "replace").strip()
    if run.returncode < 0:
        print("FAIL %s: copyscope facts was killed by signal %d (a crash is never acceptable)"
              % (case, -run.returncode))
        print(stderr)
        return 1
    if run.returncode != 0:
        print("copyscope facts exited with status %d" % run.returncode)
    if stderr:
        print("stderr of copyscope facts:\n" + stderr)

    passed, failed = compare.compare_files(golden, actual, name=case)
    print("%d passed, %d failed" % (passed, failed))
    print("actual facts: %s" % actual)
    ok = failed == 0 and run.returncode == 0
    if reason is None:
        return 0 if ok else 1
    if ok:
        print("UNEXPECTED PASS: %s is listed in known-failures.txt (%s) but now matches its golden;"
              " remove it from the list" % (case, reason))
        return 1
    print("expected failure (known-failures.txt: %s)" % reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
