#!/usr/bin/env python3
# tests/data/check-manifest.py
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifest parses, names the app id and command, sandboxes the
# app as README promises (no home-directory access) and builds this
# project with meson and tests off.  Usage: check-manifest.py MANIFEST APP_ID

import json
import sys

EXPECTED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}


def fail(message):
    print('FAIL: ' + message)
    sys.exit(1)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail('%s does not parse: %s' % (path, e))

    if manifest.get('id', manifest.get('app-id')) != app_id:
        fail('id is %r, not %r' % (manifest.get('id', manifest.get('app-id')), app_id))
    if manifest.get('command') != 'copyscope':
        fail('command is %r, not "copyscope"' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        fail('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')
    if not str(manifest.get('runtime-version', '')).isdigit():
        fail('runtime-version must be a GNOME release such as "47"')

    finish_args = manifest.get('finish-args', [])
    if set(finish_args) != EXPECTED_FINISH_ARGS or len(finish_args) != len(EXPECTED_FINISH_ARGS):
        fail('finish-args must be exactly %s, got %s' % (sorted(EXPECTED_FINISH_ARGS), finish_args))
    if any(a.startswith('--filesystem') for a in finish_args):
        fail('files come through the portal: no --filesystem')

    modules = manifest.get('modules', [])
    ours = [m for m in modules if isinstance(m, dict) and m.get('name') == 'copyscope']
    if len(ours) != 1:
        fail('exactly one module named "copyscope" is expected')
    module = ours[0]
    if module.get('buildsystem') != 'meson':
        fail('the copyscope module must build with meson')
    if '-Dtests=false' not in module.get('config-opts', []):
        fail('the copyscope module must pass -Dtests=false')
    sources = module.get('sources', [])
    if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources):
        fail('the copyscope module must build this checkout (type "dir", path "..")')

    print('ok: %s runs %s on %s %s' % (app_id, manifest['command'],
                                       manifest['runtime'], manifest['runtime-version']))


if __name__ == '__main__':
    main()
