#!/usr/bin/env python3
# tests/conformance/check-lesson-prose.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the prose of the built-in lessons against their code.

    check-lesson-prose.py [--dir data/lessons]

For every lesson listed in DIR/lessons.json, in both languages:

  - the file starts with "# title: ..." and "# summary: ..." lines equal to
    the index's title and summary for that language;
  - every top-level statement has a caption comment directly above it;
  - every name written in backticks in the title, summary or captions
    (`b = a`, `x.grad`, `copy.copy`, `.zero_()`) is bound by the scenario
    (assignment, import, def, for, with ... as) or is a Python builtin;
    a backticked span must be a Python expression or statement;
  - the English and Chinese files have identical code (comments aside).

Also fails if a lesson file in DIR is missing from the index.  Standard
library only.  Exit 0 when everything holds, else 1 with one line per
problem.
"""

import argparse
import ast
import builtins
import io
import json
import os
import re
import sys
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BACKTICKED = re.compile(r"`([^`]+)`")


def bound_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def names_in_span(span):
    """The names a backticked span mentions, or None if it is not Python."""
    text = span.strip()
    if text.startswith("."):
        text = "_method_receiver" + text
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    return {n.id for n in ast.walk(tree)
            if isinstance(n, ast.Name) and n.id != "_method_receiver"}


def comments_and_code(source):
    """({line: comment text}, [code lines without comments or blanks])."""
    comments = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string[1:].strip()
    code = []
    for number, line in enumerate(source.split("\n"), start=1):
        if number in comments and line.lstrip().startswith("#"):
            continue
        if line.strip():
            code.append(line.rstrip() if number not in comments else line[:line.index("#")].rstrip())
    return comments, code


def check_file(path, title, summary, problems):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        tree = ast.parse(source)
    except (OSError, UnicodeDecodeError, SyntaxError) as e:
        problems.append("%s: cannot read or parse: %s" % (name, e))
        return None
    lines = source.split("\n")
    if lines[0] != "# title: " + title:
        problems.append("%s: first line is %r, the index says title %r" % (name, lines[0], title))
    if len(lines) < 2 or lines[1] != "# summary: " + summary:
        problems.append("%s: second line is not '# summary: %s'" % (name, summary))
    comments, code = comments_and_code(source)
    prose = [title, summary]
    for statement in tree.body:
        above = statement.lineno - 1
        if above not in comments or not lines[above - 1].lstrip().startswith("#"):
            problems.append("%s:%d: statement has no caption comment directly above it"
                            % (name, statement.lineno))
    prose += [text for number, text in comments.items() if number > 2]
    known = bound_names(tree) | set(dir(builtins))
    for text in prose:
        for span in BACKTICKED.findall(text):
            mentioned = names_in_span(span)
            if mentioned is None:
                problems.append("%s: backticked `%s` is not Python code" % (name, span))
                continue
            for n in sorted(mentioned - known):
                problems.append("%s: prose mentions `%s` (name %s), which the scenario does not bind"
                                % (name, span, n))
    return code


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=os.path.join(ROOT, "data", "lessons"))
    args = ap.parse_args()
    problems = []
    with open(os.path.join(args.dir, "lessons.json"), encoding="utf-8") as f:
        index = json.load(f)
    listed = set()
    for lesson in index["lessons"]:
        codes = {}
        for lang in ("en", "zh_CN"):
            fn = lesson["files"][lang]
            listed.add(fn)
            codes[lang] = check_file(os.path.join(args.dir, fn), lesson["title"][lang],
                                     lesson["summary"][lang], problems)
        if lesson["file"] != lesson["files"]["en"]:
            problems.append("%s: 'file' is not the English file" % lesson["id"])
        if None not in codes.values() and codes["en"] != codes["zh_CN"]:
            for i, (e, z) in enumerate(zip(codes["en"] + [""] * 999, codes["zh_CN"])):
                if e != z:
                    break
            problems.append("%s: English and Chinese code differ (code line %d: %r vs %r)"
                            % (lesson["id"], i + 1, e, z))
    for fn in sorted(os.listdir(args.dir)):
        if fn.endswith(".py") and fn not in listed:
            problems.append("%s is not listed in lessons.json" % fn)
    for p in problems:
        print(p)
    print("%d lessons, %d problems" % (len(index["lessons"]), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
