#!/usr/bin/env python3
# tests/conformance/check-lesson.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one built-in lesson through the engine and compare with its golden.

    check-lesson.py --copyscope BIN --actual-dir DIR LESSON

LESSON is a file name in data/lessons/ without .py (01-names-and-assignment,
01-names-and-assignment.zh_CN).  Runs `BIN facts data/lessons/LESSON.py`,
keeps what it printed in DIR/LESSON.json and compares it with the golden
tests/conformance/lessons/LESSON.json, recorded from real Python, NumPy 1.24
and PyTorch 1.13 with record.py.  Lessons have no known-failures list: every
bundled lesson must match.  Exit 0 only on a match (meson 'exitcode').
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True     # keep the source tree clean
import compare  # noqa: E402

TIMEOUT = 60


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copyscope", required=True, help="the copyscope binary")
    ap.add_argument("--actual-dir", required=True, help="where the engine's facts are written")
    ap.add_argument("lesson", help="lesson file name without .py")
    args = ap.parse_args()
    lesson = args.lesson[:-3] if args.lesson.endswith(".py") else args.lesson
    script = os.path.join(ROOT, "data", "lessons", lesson + ".py")
    golden = os.path.join(HERE, "lessons", lesson + ".json")
    actual = os.path.join(args.actual_dir, lesson + ".json")
    for path in (script, golden):
        if not os.path.exists(path):
            print("FAIL %s: %s is missing" % (lesson, path))
            return 1
    os.makedirs(os.path.dirname(actual), exist_ok=True)
    try:
        with open(actual, "w", encoding="utf-8") as out:
            run = subprocess.run([args.copyscope, "facts", script], stdout=out,
                                 stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        print("FAIL %s: copyscope facts did not finish in %d s" % (lesson, TIMEOUT))
        return 1
    stderr = run.stderr.decode("utf-8", "replace").strip()
    if run.returncode < 0:
        print("FAIL %s: copyscope facts was killed by signal %d" % (lesson, -run.returncode))
        print(stderr)
        return 1
    if run.returncode != 0:
        print("copyscope facts exited with status %d" % run.returncode)
    if stderr:
        print("stderr of copyscope facts:\n" + stderr)
    passed, failed = compare.compare_files(golden, actual, name=lesson)
    print("%d passed, %d failed" % (passed, failed))
    print("actual facts: %s" % actual)
    return 0 if failed == 0 and run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
