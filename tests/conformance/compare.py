#!/usr/bin/env python3
# tests/conformance/compare.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare facts ("copyscope-facts/1") of a real run and of an engine.

    compare.py EXPECTED.json ACTUAL.json [--quiet]
    compare.py --dir EXPECTED_DIR ACTUAL_DIR [--quiet]

Labels are not compared: both sides are relabelled by the same traversal
(names sorted, depth first) before their steps are compared field by
field.  Prints each failing step with its differences, and as its last line
"N passed, M failed" (steps).  Exit status 0 only when nothing failed.
Standard library only.
"""

import argparse
import difflib
import json
import math
import os
import re
import sys

REL_TOL = 1e-4
ABS_TOL = 1e-6
SHOWN_VALUE_DIFFS = 5
AMBIGUOUS_ID = 1000000
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
NUMBER = re.compile(r"0x[0-9a-fA-F]+|[0-9]+")


def mask(text):
    return ADDRESS.sub("0xADDR", text or "")


def first_sentence(text):
    """Text before the first ". ", without a final ".", addresses masked."""
    text = mask(text).split(". ", 1)[0].strip()
    return text[:-1] if text.endswith(".") else text


def short(value, limit=120):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


# -- relabelling ----------------------------------------------------------

class Relabel:
    """Canonical labels for one step: the traversal of FACTS.md 5.1."""

    def __init__(self, step):
        self.names = step.get("names") or {}
        self.objects = step.get("objects") or {}
        self.storages = step.get("storages") or {}
        self.obj = {}        # label -> canonical label
        self.buf = {}        # storage label -> canonical label
        self.path = {}       # canonical label -> how it was reached
        self.missing = []    # labels used but not defined
        for name in sorted(self.names):
            self.walk(self.names[name], name)
        rest = [l for l in self.objects if l not in self.obj]
        rest.sort(key=lambda l: json.dumps(anonymous(self.objects[l]), sort_keys=True))
        for n, label in enumerate(rest, 1):
            self.name_object(label, "u%d" % n, "(not reachable from a name)")
        for label in rest:
            self.walk_children(label)
        rest = [s for s in self.storages if s not in self.buf]
        rest.sort(key=lambda s: json.dumps(self.storages[s], sort_keys=True))
        for n, label in enumerate(rest, 1):
            self.buf[label] = "unused%d" % n

    def walk(self, ref, path):
        if not isinstance(ref, dict):
            return
        if "ref" in ref:
            label = ref["ref"]
            if label in self.obj:
                return
            self.name_object(label, "o%d" % (len(self.obj) + 1), path)
            if label in self.objects:
                self.walk_children(label)
            else:
                self.missing.append(label)
        elif isinstance(ref.get("tuple"), list):
            for i, x in enumerate(ref["tuple"]):
                self.walk(x, "%s[%d]" % (path, i))

    def name_object(self, label, canon, path):
        self.obj[label] = canon
        self.path[canon] = path
        o = self.objects.get(label)
        if isinstance(o, dict) and o.get("storage") is not None:
            s = o["storage"]
            self.buf.setdefault(s, "s%d" % (len(self.buf) + 1))

    def walk_children(self, label):
        o = self.objects[label]
        if not isinstance(o, dict):
            return
        path = self.path[self.obj[label]]
        kind = o.get("type")
        if kind == "list":
            for i, x in enumerate(o.get("items") or []):
                self.walk(x, "%s[%d]" % (path, i))
        elif kind == "dict":
            for pair in o.get("items") or []:
                if isinstance(pair, list) and len(pair) == 2:
                    self.walk(pair[0], "%s.key(%s)" % (path, ref_text(pair[0])))
                    self.walk(pair[1], "%s[%s]" % (path, ref_text(pair[0])))
        elif kind == "ndarray" and o.get("dtype") == "object":
            for i, x in enumerate(o.get("values") or []):
                self.walk(x, "%s.flat[%d]" % (path, i))
        elif kind == "Tensor":
            self.walk(o.get("grad"), path + ".grad")
            todo = [(o.get("grad_fn"), path + ".grad_fn")]
            while todo:
                node, where = todo.pop()
                if not isinstance(node, dict):
                    continue
                if "leaf" in node:
                    if node["leaf"] is not None:
                        self.walk({"ref": node["leaf"]}, where)
                    continue
                nxt = node.get("next") if isinstance(node.get("next"), list) else []
                todo.extend(reversed([(n, "%s.next[%d]" % (where, i)) for i, n in enumerate(nxt)]))

    # rewriting with the canonical labels
    def ref(self, r):
        if not isinstance(r, dict):
            return r
        if "ref" in r:
            return {"ref": self.obj.get(r["ref"], "undefined:%s" % r["ref"])}
        if isinstance(r.get("tuple"), list):
            return {"tuple": [self.ref(x) for x in r["tuple"]]}
        other = r.get("other")
        if isinstance(other, dict) and isinstance(other.get("repr"), str):
            return {"other": dict(other, repr=mask(other["repr"]))}
        return r

    def node(self, g):
        if not isinstance(g, dict):
            return g
        if "leaf" in g:
            return {"leaf": self.ref({"ref": g["leaf"]})["ref"] if g["leaf"] is not None else None}
        if isinstance(g.get("next"), list):
            return dict(g, next=[self.node(n) for n in g["next"]])
        return g

    def rewrite(self, o):
        if not isinstance(o, dict):
            return o
        o = dict(o)
        kind = o.get("type")
        if kind in ("list", "dict") and isinstance(o.get("items"), list):
            if kind == "list":
                o["items"] = [self.ref(x) for x in o["items"]]
            else:
                o["items"] = [[self.ref(p[0]), self.ref(p[1])] if isinstance(p, list) and len(p) == 2
                              else p for p in o["items"]]
        if o.get("storage") is not None:
            o["storage"] = self.buf.get(o["storage"], "undefined:%s" % o["storage"])
        if kind == "ndarray" and o.get("dtype") == "object" and isinstance(o.get("values"), list):
            o["values"] = [self.ref(x) for x in o["values"]]
        if kind == "Tensor":
            for key, fix in (("grad", self.ref), ("grad_fn", self.node)):
                if key in o:
                    o[key] = fix(o[key])
        return o

    def canonical(self):
        return ({k: self.ref(v) for k, v in self.names.items()},
                {self.obj[l]: self.rewrite(o) for l, o in self.objects.items()},
                {self.buf[s]: v for s, v in self.storages.items()})


def anonymous(o):
    """An object with its references blanked, to order unreachable ones."""
    if isinstance(o, dict):
        return {k: ("#" if k in ("ref", "storage", "leaf") else anonymous(v)) for k, v in o.items()}
    if isinstance(o, list):
        return [anonymous(x) for x in o]
    return o


def ref_text(r):
    if isinstance(r, dict) and len(r) == 1:
        (k, v), = r.items()
        if k == "str":
            return repr(v)
        if k in ("int", "float", "bool"):
            return json.dumps(v)
        if k == "ref":
            return "<%s>" % v
    return short(r, 40)


# -- value comparison -----------------------------------------------------

def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def numbers_match(e, a):
    if isinstance(e, int) and isinstance(a, int):
        return e == a
    return math.isclose(e, a, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def differences(e, a, path, out):
    """Append (path, expected, actual) for every mismatch in e vs a."""
    if is_number(e) and is_number(a):
        if not numbers_match(e, a):
            out.append((path, e, a))
    elif isinstance(e, dict) and isinstance(a, dict):
        for k in list(e) + [k for k in a if k not in e]:
            sub = "%s.%s" % (path, k)
            if k not in a or k not in e:
                out.append((sub, e.get(k, "<absent>"), a.get(k, "<absent>")))
            elif k == "values" and isinstance(e[k], list) and isinstance(a[k], list) \
                    and len(e[k]) == len(a[k]):
                bad = []
                for i, (x, y) in enumerate(zip(e[k], a[k])):
                    differences(x, y, "%s[%d]" % (sub, i), bad)
                out.extend(bad[:SHOWN_VALUE_DIFFS])
                if len(bad) > SHOWN_VALUE_DIFFS:
                    out.append((sub, "%d elements differ" % len(bad), "..."))
            else:
                differences(e[k], a[k], sub, out)
    elif isinstance(e, list) and isinstance(a, list):
        if len(e) != len(a):
            out.append(("%s (%d vs %d items)" % (path, len(e), len(a)), e, a))
        else:
            for i, (x, y) in enumerate(zip(e, a)):
                differences(x, y, "%s[%d]" % (path, i), out)
    elif type(e) is not type(a) or e != a:
        out.append((path, e, a))


# -- id() values ----------------------------------------------------------

class Ids:
    """<id1>, <id2>, ... for the distinct id() values of one run."""

    def __init__(self, steps):
        self.token = {}
        for step in steps:
            for v in step.get("ids") or []:
                self.token.setdefault(str(v), "<id%d>" % (len(self.token) + 1))

    def tokens(self, ids):
        return [self.token.get(str(v), "<id?>") for v in ids or []]

    def stdout(self, text):
        def one(m):
            s = m.group(0)
            return "0xADDR" if s.startswith("0x") else self.token.get(s, s)
        return NUMBER.sub(one, text or "")


# -- steps and files ------------------------------------------------------

def compare_step(e, a, eids, aids):
    """[(field, [lines])] describing how step a differs from step e."""
    found = []
    if e.get("line") != a.get("line"):
        found.append(("line", ["expected %s, actual %s" % (e.get("line"), a.get("line"))]))
    if (e.get("source") or "").rstrip() != (a.get("source") or "").rstrip():
        found.append(("source", ["expected " + short(e.get("source")),
                                 "actual   " + short(a.get("source"))]))
    eo, ao = eids.stdout(e.get("stdout")), aids.stdout(a.get("stdout"))
    if eo != ao:
        lines = list(difflib.unified_diff(eo.splitlines(), ao.splitlines(),
                                          "expected", "actual", lineterm="", n=1))
        found.append(("stdout", lines or ["expected %r" % eo, "actual   %r" % ao]))
    et, at = eids.tokens(e.get("ids")), aids.tokens(a.get("ids"))
    if et != at:
        found.append(("ids", ["expected " + " ".join(et), "actual   " + " ".join(at)]))

    def warning_key(w):
        kind, _, msg = (w or "").partition(": ")
        return kind, first_sentence(msg)

    ew, aw = e.get("warnings") or [], a.get("warnings") or []
    if [warning_key(w) for w in ew] != [warning_key(w) for w in aw]:
        found.append(("warnings", ["expected " + short(ew, 400), "actual   " + short(aw, 400)]))

    ee, ae = e.get("error"), a.get("error")
    if (ee is None) != (ae is None) or ee is not None and (
            ee.get("type") != ae.get("type")
            or first_sentence(ee.get("message")) != first_sentence(ae.get("message"))):
        found.append(("error", ["expected " + short(ee, 400), "actual   " + short(ae, 400)]))

    er, ar = Relabel(e), Relabel(a)
    for side, r in (("expected", er), ("actual", ar)):
        if r.missing:
            found.append(("objects", ["%s uses undefined label(s) %s" % (side, ", ".join(map(str, r.missing)))]))
    (en, eobj, es), (an, aobj, as_) = er.canonical(), ar.canonical()
    for field, ed, ad, where in (("names", en, an, {}),
                                 ("objects", eobj, aobj, dict(ar.path, **er.path)),
                                 ("storages", es, as_, {})):
        diffs = []
        for key in sorted(set(ed) | set(ad), key=natural):
            label = "%s (%s)" % (key, where[key]) if key in where else key
            if key not in ad or key not in ed:
                diffs.append((label, ed.get(key, "<absent>"), ad.get(key, "<absent>")))
            else:
                differences(ed[key], ad[key], label, diffs)
        if diffs:
            found.append((field, ["%s: expected %s, actual %s" % (p, short(x), short(y))
                                  for p, x, y in diffs]))
    return found


def natural(label):
    m = re.match(r"(\D*)(\d+)$", label)
    return (m.group(1), int(m.group(2)), "") if m else (label, 0, label)


def load(path):
    with open(path, encoding="utf-8") as f:
        facts = json.load(f)
    if not isinstance(facts, dict) or not isinstance(facts.get("steps"), list) \
            or not all(isinstance(s, dict) for s in facts["steps"]):
        raise ValueError("not a facts file: no list of steps")
    return facts


def first_line(text):
    lines = (text or "").split("\n")
    return lines[0] + (" ..." if len(lines) > 1 else "")


def compare_files(expected, actual, quiet=False, name=None, say=print):
    """Compare two fact files; print failures; return (passed, failed)."""
    name = name or os.path.basename(expected)
    try:
        exp = load(expected)
    except (OSError, ValueError) as exc:
        say("%s: cannot read expected facts: %s" % (name, exc))
        return 0, 1
    try:
        act = load(actual)
    except (OSError, ValueError) as exc:
        say("%s: cannot read actual facts: %s" % (name, exc))
        return 0, max(1, len(exp["steps"]))
    esteps, asteps = exp["steps"], act["steps"]
    eids, aids = Ids(esteps), Ids(asteps)
    small = sorted(int(v) for v in aids.token if v.isdigit() and int(v) < AMBIGUOUS_ID)
    if small and not quiet:
        say("%s: note: id() values below %d are ambiguous in stdout: %s"
            % (name, AMBIGUOUS_ID, ", ".join(map(str, small[:5]))))
    if act.get("schema") != exp.get("schema") and not quiet:
        say("%s: schema %r, expected %r" % (name, act.get("schema"), exp.get("schema")))
    passed = failed = 0
    for n in range(max(len(esteps), len(asteps))):
        e = esteps[n] if n < len(esteps) else None
        a = asteps[n] if n < len(asteps) else None
        if e is None or a is None:
            found = [("step", ["missing in " + ("actual" if a is None else "expected")])]
        else:
            found = compare_step(e, a, eids, aids)
        if not found:
            passed += 1
            continue
        failed += 1
        if not quiet:
            s = e or a
            say("FAIL %s step %d (line %s): %s" % (name, n + 1, s.get("line"), first_line(s.get("source"))))
            for field, lines in found:
                say("  %s:" % field)
                for line in lines:
                    say("    " + line)
    return passed, failed


def compare_dirs(edir, adir, quiet=False, say=print):
    total = [0, 0]
    rows = []
    for f in sorted(x for x in os.listdir(edir) if x.endswith(".json")):
        p, m = compare_files(os.path.join(edir, f), os.path.join(adir, f), quiet, f, say)
        total[0] += p
        total[1] += m
        rows.append("  %-44s %-4s %d passed, %d failed" % (f, "ok" if not m else "FAIL", p, m))
    say("")
    say("per file:")
    for row in rows:
        say(row)
    return tuple(total)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare copyscope-facts/1 files.")
    ap.add_argument("--dir", action="store_true", help="compare two folders, pairing files by name")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    ap.add_argument("expected")
    ap.add_argument("actual")
    args = ap.parse_args(argv)
    if args.dir:
        p, m = compare_dirs(args.expected, args.actual, args.quiet)
    else:
        p, m = compare_files(args.expected, args.actual, args.quiet)
    print("%d passed, %d failed" % (p, m))
    return 0 if m == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
