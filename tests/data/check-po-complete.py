#!/usr/bin/env python3
# tests/data/check-po-complete.py
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Extracts today's strings from the files in po/POTFILES.in (as
# `meson compile copyscope-pot` does) and fails if a language in
# po/LINGUAS leaves one untranslated or fuzzy.
# Usage: check-po-complete.py SOURCE_ROOT

import os
import subprocess
import sys
import tempfile

# The keywords of meson's "glib" gettext preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '--package-name=copyscope',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]


def count(po_path, flag):
    """The entries msgattrib FLAG keeps, less the header (msgid "")."""
    out = subprocess.run(['msgattrib', flag, '--no-obsolete', po_path],
                         check=True, capture_output=True, text=True).stdout
    entries = []
    for entry in out.split('\n\n'):
        lines = [l for l in entry.strip().split('\n') if l and not l.startswith('#')]
        if not any(l.startswith('msgid ') for l in lines):
            continue
        i = next(i for i, l in enumerate(lines) if l.startswith('msgid '))
        is_header = (lines[i] == 'msgid ""' and i + 1 < len(lines)
                     and lines[i + 1].startswith('msgstr') and not any(
                         l.startswith('msgctxt') for l in lines))
        if not is_header:
            entries.append(entry)
    return entries


def main():
    root = sys.argv[1]
    po_dir = os.path.join(root, 'po')
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f if not line.startswith('#') for w in line.split()]

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'copyscope.pot')
        subprocess.run(['xgettext', '--directory=' + root,
                        '--files-from=' + os.path.join(po_dir, 'POTFILES.in'),
                        '--output=' + pot] + XGETTEXT_ARGS, check=True)
        for lang in languages:
            merged = os.path.join(tmp, lang + '.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file=' + merged,
                            os.path.join(po_dir, lang + '.po'), pot], check=True)
            untranslated = count(merged, '--untranslated')
            fuzzy = count(merged, '--only-fuzzy')
            for entry in untranslated:
                print('FAIL: %s: untranslated:\n%s\n' % (lang, entry.strip()))
            for entry in fuzzy:
                print('FAIL: %s: fuzzy:\n%s\n' % (lang, entry.strip()))
            if untranslated or fuzzy:
                failed = True
            else:
                print('ok: %s translates every string' % lang)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
