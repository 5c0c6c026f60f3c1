#!/usr/bin/env bash
# tools/update-screenshots.sh
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates docs/screenshots/ from the UI test's own captures (the README
# and the AppStream metainfo show them), so the pictures are always what the
# test suite saw.  Usage: tools/update-screenshots.sh

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${COPYSCOPE_BUILD_DIR:-$ROOT/_build}
ARTIFACTS=$BUILD_DIR/tests/ui/artifacts

"$ROOT/tools/copyscope-dev" build
rm -rf "$ARTIFACTS"
xvfb-run -a -s '-screen 0 1600x1200x24 -nolisten tcp' dbus-run-session -- \
  meson test -C "$BUILD_DIR" --no-rebuild --suite ui --print-errorlogs

mkdir -p "$ROOT/docs/screenshots"
cp "$ARTIFACTS/window.png" "$ROOT/docs/screenshots/window-empty.png"
cp "$ARTIFACTS/window-zh_CN.png" "$ROOT/docs/screenshots/window-empty-zh_CN.png"
cp "$ARTIFACTS/window-dark.png" "$ROOT/docs/screenshots/window-empty-dark.png"
# tests/ui/test-document.c: the window on lesson 03 at step 6.
cp "$ARTIFACTS/document-lesson.png" "$ROOT/docs/screenshots/window-lesson.png"
cp "$ARTIFACTS/document-lesson-dark.png" "$ROOT/docs/screenshots/window-lesson-dark.png"
cp "$ARTIFACTS/document-lesson-zh_CN.png" "$ROOT/docs/screenshots/window-lesson-zh_CN.png"
# tests/ui/test-lessons.c: the lesson browser with some progress (lessons).
cp "$ARTIFACTS/lesson-browser.png" "$ROOT/docs/screenshots/lesson-browser.png"
cp "$ARTIFACTS/lesson-browser-zh_CN.png" "$ROOT/docs/screenshots/lesson-browser-zh_CN.png"
# tests/ui/test-predict.c: a question in predict mode on lesson 07 (predict).
cp "$ARTIFACTS/predict-question.png" "$ROOT/docs/screenshots/predict-question.png"
cp "$ARTIFACTS/predict-question-zh_CN.png" "$ROOT/docs/screenshots/predict-question-zh_CN.png"
# tests/ui/test-export-dialog.c and test-recovery.c (files).
cp "$ARTIFACTS/export-dialog.png" "$ROOT/docs/screenshots/export-dialog.png"
cp "$ARTIFACTS/recovery-dialog.png" "$ROOT/docs/screenshots/recovery-dialog.png"
# tests/ui/test-preferences.c: Preferences, and the high-contrast style (prefs).
cp "$ARTIFACTS/preferences.png" "$ROOT/docs/screenshots/preferences.png"
cp "$ARTIFACTS/window-high-contrast.png" "$ROOT/docs/screenshots/window-high-contrast.png"
# tests/ui/test-panels.c: the Strides and Autograd tabs below the picture (panels).
cp "$ARTIFACTS/panels-strides-y.png" "$ROOT/docs/screenshots/window-strides.png"
cp "$ARTIFACTS/panels-autograd.png" "$ROOT/docs/screenshots/window-autograd.png"
echo "updated: docs/screenshots/window-empty{,-zh_CN,-dark}.png window-lesson{,-zh_CN,-dark}.png"
