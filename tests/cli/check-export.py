#!/usr/bin/env python3
# check-export.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Export every step of a scenario with `copyscope export` and check the files.

Usage: check-export.py COPYSCOPE_BIN OUT_DIR CASE.py [CASE.py ...]

For each case, with no display: --all as PNG (one decodable file per step,
of the right size), as SVG (one well-formed XML file per step), as a PDF
handout (as many pages as steps, counted with pdfinfo), and as an animated
GIF (at least one frame per step).  The step count comes from the case's
golden facts beside it (CASE.json), recorded from real Python, so an export
that silently drops steps fails.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def export(binary, case, fmt, out):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([binary, "export", case, "--all", "--format", fmt, "-o", out],
                          env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        fail(f"{os.path.basename(case)}: export --format {fmt} exited {proc.returncode}: {proc.stderr.strip()}")


def numbered(out, index, count):
    stem, ext = os.path.splitext(out)
    width = max(2, len(str(count)))
    return f"{stem}-{index:0{width}d}{ext}"


def decode_png(path):
    """Decode a PNG's chunks: CRCs, IHDR and the whole zlib stream."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            fail(f"{path}: bad CRC in {kind!r}")
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour)
            if channels is None or depth != 8:
                fail(f"{path}: unexpected PNG format depth {depth} colour {colour}")
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(idat)
    if len(raw) != height * (1 + width * channels):
        fail(f"{path}: pixel data has {len(raw)} bytes for {width}x{height}")
    return width, height


def gif_frames(path):
    """Count image descriptors by walking the GIF's blocks."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        fail(f"{path}: not a GIF")
    flags = data[10]
    pos = 13
    if flags & 0x80:
        pos += 3 * (2 << (flags & 7))
    frames = 0
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            return frames
        if block == 0x21:
            pos += 2
        elif block == 0x2C:
            frames += 1
            lflags = data[pos + 9]
            pos += 10
            if lflags & 0x80:
                pos += 3 * (2 << (lflags & 7))
            pos += 1  # LZW minimum code size
        else:
            fail(f"{path}: bad block 0x{block:02x} at {pos}")
        while data[pos] != 0:
            pos += data[pos] + 1
        pos += 1
    fail(f"{path}: no GIF trailer")


def check_case(binary, outdir, case):
    name = os.path.splitext(os.path.basename(case))[0]
    with open(os.path.splitext(case)[0] + ".json", encoding="utf-8") as f:
        n_steps = len(json.load(f)["steps"])
    work = os.path.join(outdir, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    export(binary, case, "png", os.path.join(work, "step.png"))
    sizes = set()
    for i in range(1, n_steps + 1):
        path = numbered(os.path.join(work, "step.png"), i, n_steps)
        if not os.path.exists(path):
            fail(f"{name}: missing {os.path.basename(path)} ({n_steps} steps)")
        w, h = decode_png(path)
        if w < 400 or h < 200:
            fail(f"{path}: implausibly small picture {w}x{h}")
        sizes.add((w, h))
    if os.path.exists(numbered(os.path.join(work, "step.png"), n_steps + 1, n_steps)):
        fail(f"{name}: more PNG files than steps")

    export(binary, case, "svg", os.path.join(work, "step.svg"))
    for i in range(1, n_steps + 1):
        path = numbered(os.path.join(work, "step.svg"), i, n_steps)
        root = ET.parse(path).getroot()
        if not root.tag.endswith("svg"):
            fail(f"{path}: root element is {root.tag}")

    pdf = os.path.join(work, "handout.pdf")
    export(binary, case, "pdf", pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    if pages != n_steps:
        fail(f"{name}: handout has {pages} pages for {n_steps} steps")

    gif = os.path.join(work, "anim.gif")
    export(binary, case, "gif", gif)
    frames = gif_frames(gif)
    if frames < n_steps:
        fail(f"{name}: GIF has {frames} frames for {n_steps} steps")

    print(f"ok {name}: {n_steps} steps, PNG {sorted(sizes)[0][0]}x{sorted(sizes)[0][1]}, "
          f"{pages} PDF pages, {frames} GIF frames")


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    binary, outdir = sys.argv[1], sys.argv[2]
    for case in sys.argv[3:]:
        check_case(binary, outdir, case)


if __name__ == "__main__":
    main()
