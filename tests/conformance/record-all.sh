#!/bin/sh
# tests/conformance/record-all.sh
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Re-record every golden (CASE.json next to each CASE.py in the case folders)
# with real Python 3.11, NumPy 1.24 and PyTorch 1.13, then run the self-test.
# Usage: tests/conformance/record-all.sh [FOLDER ...]   (default: all folders)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3          # the system interpreter has python3-torch
"$python" -c 'import torch, numpy' || {
  echo "record-all.sh: $python cannot import torch and numpy" >&2
  echo "  (apt-get install python3-torch python3-numpy)" >&2
  exit 1
}
if [ $# -eq 0 ]; then
  "$python" "$here/record.py" --all "$here"
else
  for folder in "$@"; do
    "$python" "$here/record.py" --all "$folder"
  done
fi
"$python" "$here/selftest.py"
