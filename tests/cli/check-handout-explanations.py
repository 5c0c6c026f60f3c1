#!/usr/bin/env python3
# check-handout-explanations.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The PDF handout carries each step's explanation under its picture.

Usage: check-handout-explanations.py COPYSCOPE_BIN OUT_DIR CASES_DIR

Exports the public case 01_article_assign_alias (the seed article's
`b = a`) as a handout with no display, extracts the text with pdftotext
and checks, page by page, that every page has an explanation paragraph
between the picture and the CODE heading, and that the page of `b = a`
says that it copies nothing (the sentence cs_explain_step gives for a
binding that shares the object; English, LC_ALL=C.UTF-8).
"""

import os
import subprocess
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def main():
    binary, out_dir, cases = sys.argv[1:4]
    os.makedirs(out_dir, exist_ok=True)
    case = os.path.join(cases, "01_article_assign_alias.py")
    out = os.path.join(out_dir, "handout-explanations.pdf")
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["LC_ALL"] = "C.UTF-8"
    env["LANGUAGE"] = ""
    proc = subprocess.run([binary, "export", case, "--all", "--format", "pdf", "-o", out],
                          env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        fail(f"export exited {proc.returncode}: {proc.stderr.strip()}")

    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
    # The case has 8 top-level statements (its golden facts say so too).
    if pages != 8:
        fail(f"{pages} pages, expected 8")

    expected = {
        1: "import torch makes the module torch available.",
        4: "b = a copies nothing: b is a second name for the same Tensor as a.",
    }
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), out, "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        if "CODE" not in lines:
            fail(f"page {page}: no CODE heading: {lines}")
        before = lines[:lines.index("CODE")]
        # The picture's own text (the step bar "Step N of 8", names) comes
        # first; the explanation is the last paragraph above CODE and is a
        # sentence ending in a full stop.
        if not before or not before[-1].endswith("."):
            fail(f"page {page}: no explanation sentence above CODE: {before}")
        if page in expected and expected[page] not in " ".join(before):
            fail(f"page {page}: expected {expected[page]!r} in {before}")
        print(f"page {page}: {before[-1]}")
    print("ok")


main()
