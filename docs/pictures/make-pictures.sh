#!/bin/sh
# docs/pictures/make-pictures.sh
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the pictures of the seed article's examples shown in the
# README, light and dark, one step of each lesson.
#
#   docs/pictures/make-pictures.sh [BUILD_DIR]
#
# By default the pictures come from `copyscope export` running each public
# case in our engine.  FROM_ENGINE=1 runs the same engine, layout and PNG
# export through BUILD_DIR/bench/scene-bench (for builds whose command line
# has no export yet).  FROM_GOLDENS=1 lays out the facts that real
# Python/PyTorch recorded (tests/conformance/public/*.json) instead.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
out=$top/docs/pictures
cases=$top/tests/conformance/public

# case:step (1-based), the step that carries the lesson.
picks="01_article_assign_alias:6 02_article_assign_rebind:6 03_article_copy_copy:6
04_article_deepcopy:6 05_article_tensor_constructors:13 06_article_clone_detach:7
07_article_transpose_view:8 08_article_contiguous_copy:8"
dark="05_article_tensor_constructors 06_article_clone_detach 07_article_transpose_view"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for pick in $picks; do
  name=${pick%%:*}
  step=${pick##*:}
  for theme in light dark; do
    if [ "$theme" = dark ] && ! echo "$dark" | grep -qw "$name"; then
      continue
    fi
    suffix=$([ "$theme" = dark ] && echo "-dark" || true)
    if [ "${FROM_GOLDENS:-0}" = 1 ] || [ "${FROM_ENGINE:-0}" = 1 ]; then
      flag=$([ "$theme" = dark ] && echo "--dark" || true)
      input=$([ "${FROM_GOLDENS:-0}" = 1 ] && echo "$cases/$name.json" || echo "$cases/$name.py")
      "$build/bench/scene-bench" --repeat 1 $flag --dump "$tmp" "$input" > /dev/null
      cp "$tmp/$name-$(printf %02d "$step").png" "$out/$name$suffix.png"
    else
      "$build/app/copyscope" export "$cases/$name.py" --step "$step" --format png \
        --theme "$theme" -o "$out/$name$suffix.png"
    fi
  done
done
echo "Pictures written to $out"
