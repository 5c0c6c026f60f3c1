#!/usr/bin/env python3
# tests/conformance/selftest.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that compare.py accepts what it must and rejects what it must.

    selftest.py [--reference OTHER/compare.py] [GOLDEN_DIR ...]

For every committed golden (default: every *.json below this folder's
subfolders) the golden must compare equal to itself, to a relabelled and
reordered copy, and to a copy whose id() values, addresses and floats
changed within what the contract allows.  Each of a set of perturbed
copies (a changed value, changed stdout, broken buffer sharing, a broken
alias, a different id() pattern, a dropped warning, a changed error, a
renamed grad_fn, a changed dtype) must fail.

With --reference, the same pairs are also given to another implementation
of the comparator (the reference compare.py), and both must agree.
No PyTorch needed: only the goldens are used.  Exit 0 when all held.
"""

import argparse
import copy
import importlib.util
import io
import json
import os
import random
import sys
import tempfile
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True     # keep the source tree clean
import compare  # noqa: E402


def walk_refs(step, fix_ref, fix_storage):
    """Apply fix_ref to every object label and fix_storage to every buffer label."""
    def ref(r):
        if isinstance(r, dict) and "ref" in r:
            return {"ref": fix_ref(r["ref"])}
        if isinstance(r, dict) and "tuple" in r:
            return {"tuple": [ref(x) for x in r["tuple"]]}
        return r

    def node(g):
        if isinstance(g, dict) and "leaf" in g:
            return {"leaf": fix_ref(g["leaf"])}
        if isinstance(g, dict) and "next" in g:
            return dict(g, next=[node(n) for n in g["next"]])
        return g

    step["names"] = {k: ref(v) for k, v in step["names"].items()}
    objects = {}
    for label, o in step["objects"].items():
        o = dict(o)
        if o["type"] == "list":
            o["items"] = [ref(x) for x in o["items"]]
        elif o["type"] == "dict":
            o["items"] = [[ref(k), ref(v)] for k, v in o["items"]]
        elif o["type"] == "ndarray" and o["dtype"] == "object" and o["values"]:
            o["values"] = [ref(x) for x in o["values"]]
        if "storage" in o:
            o["storage"] = fix_storage(o["storage"])
        if o["type"] == "Tensor":
            o["grad"] = ref(o["grad"])
            o["grad_fn"] = node(o["grad_fn"])
        objects[fix_ref(label)] = o
    step["objects"] = objects
    step["storages"] = {fix_storage(k): v for k, v in step["storages"].items()}


# -- changes that must be accepted ----------------------------------------

def relabelled(facts, rng):
    out = copy.deepcopy(facts)
    for step in out["steps"]:
        olab = {l: "obj%d" % n for l, n in zip(step["objects"], rng.sample(range(10, 99999), len(step["objects"])))}
        slab = {l: "mem%d" % n for l, n in zip(step["storages"], rng.sample(range(10, 99999), len(step["storages"])))}
        walk_refs(step, olab.get, slab.get)
        items = list(step["objects"].items())
        rng.shuffle(items)
        step["objects"] = dict(items)
    return out


def other_run(facts, rng):
    """Different id() values and 0x addresses, floats moved within tolerance."""
    out = copy.deepcopy(facts)
    new = {}
    for step in out["steps"]:
        for v in step["ids"]:
            new.setdefault(v, 10 ** 14 + rng.randrange(10 ** 12) * 16)
    for step in out["steps"]:
        text = step["stdout"]
        for old in sorted(new, key=lambda v: -len(str(v))):
            text = text.replace(str(old), "\0%d\0" % new[old])
        step["stdout"] = text.replace("\0", "").replace("0x7f", "0x55")
        step["ids"] = [new[v] for v in step["ids"]]
        for o in step["objects"].values():
            if isinstance(o.get("values"), list):
                o["values"] = [v * (1 + 3e-5) if isinstance(v, float) else v for v in o["values"]]
    return out


# -- changes that must be rejected -----------------------------------------

def last_step_with(facts, test):
    out = copy.deepcopy(facts)
    for step in reversed(out["steps"]):
        if test(step):
            return out, step
    return None, None


def changed_value(facts):
    def numeric(o):
        v = o.get("values")
        return isinstance(v, list) and v and compare.is_number(v[-1])
    out, step = last_step_with(facts, lambda s: any(numeric(o) for o in s["objects"].values()))
    if out:
        o = next(o for o in step["objects"].values() if numeric(o))
        o["values"][-1] = o["values"][-1] + 1 if isinstance(o["values"][-1], int) else o["values"][-1] * 1.001 + 0.25
    return out


def changed_stdout(facts):
    out, step = last_step_with(facts, lambda s: s["stdout"].strip())
    if out:
        step["stdout"] = step["stdout"].replace(" ", "  ", 1) if " " in step["stdout"] else step["stdout"] + "x"
    return out


def split_storage(facts):
    def shared(s):
        used = [o.get("storage") for o in s["objects"].values() if o.get("storage")]
        return len(used) != len(set(used))
    out, step = last_step_with(facts, shared)
    if out:
        users = [o for o in step["objects"].values() if o.get("storage")]
        seen = set()
        for o in users:
            if o["storage"] in seen:
                step["storages"]["split"] = dict(step["storages"][o["storage"]])
                o["storage"] = "split"
                break
            seen.add(o["storage"])
    return out


def broken_alias(facts):
    """Two names bound to one object now hold equal copies."""
    def aliased(s):
        refs = [r["ref"] for r in s["names"].values() if "ref" in r]
        return len(refs) != len(set(refs))
    out, step = last_step_with(facts, aliased)
    if out:
        seen = {}
        for name in sorted(step["names"]):
            r = step["names"][name]
            if "ref" in r and r["ref"] in seen:
                twin = copy.deepcopy(step["objects"][r["ref"]])
                step["objects"]["twin"] = twin
                step["names"][name] = {"ref": "twin"}
                break
            if "ref" in r:
                seen[r["ref"]] = name
    return out


def other_id_pattern(facts):
    out = copy.deepcopy(facts)
    earlier = set()
    for step in out["steps"]:
        ids = step["ids"]
        if ids and ids[0] in earlier:
            ids[0] = 987654321987654      # a known object now looks new
            return out
        if len(ids) >= 2 and ids[0] != ids[1]:
            ids[1] = ids[0]                # two objects now look like one
            return out
        earlier.update(ids)
    return None


def dropped_warning(facts):
    out, step = last_step_with(facts, lambda s: s["warnings"])
    if out:
        step["warnings"].pop()
    return out


def changed_error(facts):
    out, step = last_step_with(facts, lambda s: s["error"])
    if out:
        step["error"]["message"] = "nothing like the original message"
    return out


def dropped_error(facts):
    out, step = last_step_with(facts, lambda s: s["error"])
    if out:
        step["error"] = None
    return out


def renamed_grad_fn(facts):
    out, step = last_step_with(facts, lambda s: any(o.get("grad_fn") for o in s["objects"].values()))
    if out:
        o = next(o for o in step["objects"].values() if o.get("grad_fn"))
        o["grad_fn"]["name"] = "Other" + o["grad_fn"]["name"]
    return out


def changed_dtype(facts):
    out, step = last_step_with(facts, lambda s: any("dtype" in o for o in s["objects"].values()))
    if out:
        o = next(o for o in step["objects"].values() if "dtype" in o)
        o["dtype"] = "int32" if o["dtype"] != "int32" else "int64"
    return out


MUST_PASS = [relabelled, other_run]
MUST_FAIL = [changed_value, changed_stdout, split_storage, broken_alias, other_id_pattern,
             dropped_warning, changed_error, dropped_error, renamed_grad_fn, changed_dtype]


# -- running -----------------------------------------------------------------

def load_reference(path):
    spec = importlib.util.spec_from_file_location("reference_compare", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def verdicts(golden_path, other, reference, tmp):
    """(ours, reference or None): True when the pair compared equal."""
    path = os.path.join(tmp, "other.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(other, f)
    text = []
    p, m = compare.compare_files(golden_path, path, name="x", say=text.append)
    ours = m == 0 and p > 0
    theirs = None
    if reference:
        with redirect_stdout(io.StringIO()):
            p, m = reference.compare_files(golden_path, path)
        theirs = m == 0 and p > 0
    return ours, theirs, text


def goldens(dirs):
    for d in dirs:
        for folder, subdirs, files in os.walk(d):
            subdirs.sort()
            for f in sorted(files):
                if f.endswith(".json"):
                    yield os.path.join(folder, f)


def check_lists():
    """cases.txt, known-failures.txt and the case folders must agree."""
    problems = []

    def entries(name):
        path = os.path.join(HERE, name)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            lines = [l.split("#", 1)[0].strip() for l in f]
        return [l[:-3] if l.endswith(".py") else l for l in lines if l]

    listed = entries("cases.txt")
    present = set()
    for d in sorted(os.listdir(HERE)):
        if os.path.isdir(os.path.join(HERE, d)) and not d.startswith(("_", ".")):
            for f in os.listdir(os.path.join(HERE, d)):
                if f.endswith(".py"):
                    present.add("%s/%s" % (d, f[:-3]))
    for case in sorted(present - set(listed)):
        problems.append("%s.py is not listed in cases.txt" % case)
    for case in listed:
        for ext in (".py", ".json"):
            if not os.path.exists(os.path.join(HERE, case + ext)):
                problems.append("cases.txt lists %s but %s%s is missing" % (case, case, ext))
    if len(set(listed)) != len(listed):
        problems.append("cases.txt lists a case twice")
    for case in entries("known-failures.txt"):
        if case not in listed:
            problems.append("known-failures.txt lists %s, which is not a case" % case)
    for p in problems:
        print(p)
    return len(problems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", help="another compare.py that must agree with ours")
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    dirs = args.dirs or [os.path.join(HERE, d) for d in sorted(os.listdir(HERE))
                         if os.path.isdir(os.path.join(HERE, d)) and not d.startswith(("_", "."))]
    reference = load_reference(args.reference) if args.reference else None
    problems = 0 if args.dirs else check_lists()
    checks = files = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in goldens(dirs):
            files += 1
            with open(path, encoding="utf-8") as f:
                golden = json.load(f)
            rng = random.Random(os.path.basename(path))
            cases = [("itself", golden, True)]
            cases += [(fn.__name__, fn(golden, rng), True) for fn in MUST_PASS]
            cases += [(fn.__name__, fn(golden), False) for fn in MUST_FAIL]
            for what, other, same in cases:
                if other is None:
                    continue
                checks += 1
                ours, theirs, text = verdicts(path, other, reference, tmp)
                rel = os.path.relpath(path, HERE)
                if ours != same:
                    problems += 1
                    print("%s: %s was %s by our compare.py" % (rel, what, "accepted" if ours else "rejected"))
                    print("  " + "\n  ".join(text[-12:]))
                if reference and theirs != same:
                    problems += 1
                    print("%s: %s was %s by the reference compare.py" % (rel, what, "accepted" if theirs else "rejected"))
    print("# %d goldens, %d checks, %d problems" % (files, checks, problems))
    if files == 0:
        print("no goldens found")
        return 1
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
