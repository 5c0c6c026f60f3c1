#!/usr/bin/env python3
# tests/data/check-potfiles.py
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every .c and .ui file under app/, core/ and ui/ that marks strings for
# translation must be listed in po/POTFILES.in, and every listed file must
# exist.  Usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

SCANNED_DIRS = ('app', 'core', 'ui')
# _("…"), N_("…"), C_("ctx", "…"), NC_(…), g_dgettext/ngettext calls.
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def read_potfiles(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def needs_translation(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith('.ui'):
        return bool(UI_MARKER.search(text))
    return bool(C_MARKER.search(text))


def main():
    root = sys.argv[1]
    listed = read_potfiles(root)
    problems = []

    for name in listed:
        if not os.path.isfile(os.path.join(root, name)):
            problems.append('po/POTFILES.in lists %s, which does not exist' % name)

    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for filename in sorted(filenames):
                if not filename.endswith(('.c', '.ui')):
                    continue
                path = os.path.join(dirpath, filename)
                rel = os.path.relpath(path, root)
                if needs_translation(path) and rel not in listed:
                    problems.append('%s has translatable strings but is not in po/POTFILES.in' % rel)

    for p in problems:
        print('FAIL: ' + p)
    if problems:
        sys.exit(1)
    print('ok: po/POTFILES.in lists all %d files with translatable strings' % len(listed))


if __name__ == '__main__':
    main()
