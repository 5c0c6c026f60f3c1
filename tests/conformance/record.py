#!/usr/bin/python3
# tests/conformance/record.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a scenario in real Python/NumPy/PyTorch and write its facts.

    /usr/bin/python3 record.py CASE.py [-o OUT.json]
    /usr/bin/python3 record.py --all [DIR]

The output follows "copyscope-facts/1" (specified in FACTS.md of the shared conformance kit):
every top-level statement is one step, run in one namespace; after each
step we write down its output, id() calls, warnings, error, and the names,
objects and memory buffers visible from the names.

--all re-records CASE.json for every CASE.py below DIR (default: the
folder of this script).  Must run under the system interpreter, which has
python3-torch (1.13) and python3-numpy (1.24).
"""

import argparse
import ast
import builtins
import io
import json
import math
import os
import random
import subprocess
import sys
import types
import warnings
from contextlib import redirect_stdout

import numpy as np
import torch

SCHEMA = "copyscope-facts/1"
MAX_VALUES = 10000
MAX_GRAPH_NODES = 1000
INTERNAL_NOTE = " (Triggered internally"
CONTAINERS = (list, dict, np.ndarray, torch.Tensor)
ATOMS = (bool, int, float, complex, str, bytes, type(None), np.generic)

builtin_id = builtins.id


# -- numbers --------------------------------------------------------------

def num(v):
    """JSON encoding of one scalar (FACTS.md section 4)."""
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "-inf" if v < 0 else "inf"
        return float("%.6g" % v)
    if isinstance(v, complex):
        return [num(v.real), num(v.imag)]
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return repr(v)


def dtype_str(dt):
    return str(dt).replace("torch.", "", 1)


def in_elements(nbytes, itemsize):
    return nbytes // itemsize if nbytes % itemsize == 0 else nbytes / itemsize


# -- statements -----------------------------------------------------------

def statements(src):
    """Yield (line, text, node) for each top-level statement."""
    raw = src.encode("utf-8")
    starts = [0]
    for ln in src.splitlines(keepends=True):
        starts.append(starts[-1] + len(ln.encode("utf-8")))

    def pos(line, col):
        return starts[line - 1] + col

    for node in ast.parse(src).body:
        line, begin = node.lineno, pos(node.lineno, node.col_offset)
        decorators = getattr(node, "decorator_list", [])
        if decorators:
            first = min(decorators, key=lambda d: (d.lineno, d.col_offset))
            line = first.lineno
            begin = raw.rfind(b"@", starts[line - 1], pos(line, first.col_offset))
        end = pos(node.end_lineno, node.end_col_offset)
        yield line, raw[begin:end].decode("utf-8"), node


def imported_names(node):
    """Names an import statement in node binds at module level (and '*')."""
    found = set()
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(n, ast.Import):
            found.update(a.asname or a.name.split(".")[0] for a in n.names)
        elif isinstance(n, ast.ImportFrom):
            found.update(a.asname or a.name for a in n.names)
        todo.extend(ast.iter_child_nodes(n))
    return found


# -- the state after a step -----------------------------------------------

def graph_leaves(fn):
    """Leaf tensors under grad_fn node fn, in pre-order, left to right."""
    out, seen, todo = [], set(), [fn]
    while todo:
        f = todo.pop()
        if f is None or builtin_id(f) in seen:
            continue
        seen.add(builtin_id(f))
        if node_name(f) == "AccumulateGrad":
            if getattr(f, "variable", None) is not None:
                out.append(f.variable)
        else:
            todo.extend(reversed([n for n, _ in f.next_functions]))
    return out


def node_name(fn):
    name = type(fn).__name__
    return fn.name().split("::")[-1] if name == "CppFunction" else name


def children(v):
    """Values reached from v, in traversal order (FACTS.md 5.1)."""
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, dict):
        return [x for kv in v.items() for x in kv]
    if isinstance(v, np.ndarray):
        if v.dtype == object and v.size <= MAX_VALUES:
            return v.ravel().tolist()
        return []
    if isinstance(v, torch.Tensor):
        first = [v.grad] if v.grad is not None else []
        return first + graph_leaves(v.grad_fn)
    return []


def visible(ns, imported):
    """The (name, value) pairs recorded in "names", sorted."""
    for name in sorted(ns):
        v = ns[name]
        if name.startswith("__") and name.endswith("__"):
            continue
        if name in imported and imported[name] is v:
            continue
        if isinstance(v, (types.ModuleType, type)):
            continue
        if callable(v) and not isinstance(v, CONTAINERS):
            continue
        yield name, v


def storage_of(t):
    try:
        return t.storage()
    except Exception:
        return None


class State:
    """names/objects/storages of a namespace at one moment."""

    def __init__(self, ns, imported):
        self.pairs = list(visible(ns, imported))
        self.objs = []            # objects in discovery order
        self.label = {}           # id -> "oN"
        todo = [v for _, v in reversed(self.pairs)]
        while todo:
            v = todo.pop()
            if isinstance(v, ATOMS):
                continue
            if isinstance(v, CONTAINERS):
                if builtin_id(v) in self.label:
                    continue
                self.objs.append(v)
                self.label[builtin_id(v)] = "o%d" % len(self.objs)
            elif not isinstance(v, tuple):
                continue
            todo.extend(reversed(children(v)))
        self.group_buffers()

    # -- buffers --
    def group_buffers(self):
        """Map id(obj) -> (buffer key, lo, hi, data address)."""
        spans = []      # (lo, hi, empty-key or None, obj, address)
        for o in self.objs:
            if isinstance(o, torch.Tensor):
                st = storage_of(o)
                if st is None:
                    continue
                lo, hi, key = st.data_ptr(), st.data_ptr() + st.nbytes(), ("t", st._cdata)
                # not o.data_ptr(): that is 0 for an empty view such as x[5:]
                addr = lo + o.storage_offset() * o.element_size()
            elif isinstance(o, np.ndarray):
                root = o
                while isinstance(root.base, np.ndarray):
                    root = root.base
                st = storage_of(root.base) if isinstance(root.base, torch.Tensor) else None
                if st is not None:
                    lo, hi, key = st.data_ptr(), st.data_ptr() + st.nbytes(), ("t", st._cdata)
                else:
                    lo, hi = extent(root)
                    key = ("n", builtin_id(root))
                addr = o.__array_interface__["data"][0]
            else:
                continue
            spans.append((lo, hi, key if hi == lo else None, o, addr))
        self.buffer = {}
        merged = []     # [lo, hi, members]
        for lo, hi, _, o, addr in sorted((s for s in spans if s[2] is None), key=lambda s: s[:2]):
            if merged and lo < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi, []])
            merged[-1][2].append((o, addr))
        empty = {}
        for lo, hi, key, o, addr in spans:
            if key is not None:
                empty.setdefault(key, [lo, hi, []])[2].append((o, addr))
        for n, (lo, hi, members) in enumerate(merged + list(empty.values())):
            for o, addr in members:
                self.buffer[builtin_id(o)] = (n, lo, hi, addr)

    # -- descriptions --
    def ref(self, v):
        if isinstance(v, np.generic):
            return {"scalar": num(v.item()), "dtype": dtype_str(v.dtype)}
        for kind, cls in (("bool", bool), ("int", int), ("float", float), ("str", str)):
            if isinstance(v, cls):
                return {kind: num(cls(v))}
        if v is None:
            return {"none": None}
        if isinstance(v, tuple):
            return {"tuple": [self.ref(x) for x in v]}
        if isinstance(v, CONTAINERS):
            return {"ref": self.label[builtin_id(v)]}
        try:
            text = repr(v)
        except Exception as exc:
            text = "<repr failed: %s>" % type(exc).__name__
        return {"other": {"type": type(v).__name__, "repr": text}}

    def graph(self, fn, budget):
        if fn is None:
            return None
        if budget[0] <= 0:
            return {"truncated": True}
        budget[0] -= 1
        if node_name(fn) == "AccumulateGrad":
            var = getattr(fn, "variable", None)
            return {"leaf": None if var is None else self.label.get(builtin_id(var))}
        return {"name": node_name(fn),
                        "next": [self.graph(n, budget) for n, _ in fn.next_functions]}

    def describe(self, o, storages, slabel):
        if isinstance(o, list):
            return {"type": "list", "items": [self.ref(x) for x in o]}
        if isinstance(o, dict):
            return {"type": "dict", "items": [[self.ref(k), self.ref(v)] for k, v in o.items()]}
        n, lo, hi, addr = self.buffer[builtin_id(o)]
        if n not in slabel:
            slabel[n] = "s%d" % (len(slabel) + 1)
        storages[slabel[n]] = {"nbytes": hi - lo}
        if isinstance(o, np.ndarray):
            size = o.itemsize or 1
            d = {"type": "ndarray", "dtype": dtype_str(o.dtype), "shape": list(o.shape),
                      "strides": [in_elements(s, size) for s in o.strides],
                      "offset": in_elements(addr - lo, size), "storage": slabel[n]}
            if o.size > MAX_VALUES:
                d.update(values=None, numel=int(o.size))
            elif o.dtype == object:
                d["values"] = [self.ref(x) for x in o.ravel().tolist()]
            else:
                d["values"] = [num(x) for x in o.ravel().tolist()]
            return d
        t = o.detach()
        d = {"type": "Tensor", "dtype": dtype_str(o.dtype), "shape": list(o.shape),
                  "stride": list(o.stride()), "offset": in_elements(addr - lo, o.element_size()),
                  "storage": slabel[n]}
        if o.numel() > MAX_VALUES:
            d.update(values=None, numel=int(o.numel()))
        else:
            if t.dtype in (torch.float16, torch.bfloat16):
                t = t.float()
            d["values"] = [num(x) for x in t.reshape(-1).tolist()]
        d.update(requires_grad=bool(o.requires_grad), is_leaf=bool(o.is_leaf),
                 contiguous=bool(o.is_contiguous()),
                 grad=None if o.grad is None else self.ref(o.grad),
                 grad_fn=self.graph(o.grad_fn, [MAX_GRAPH_NODES]))
        return d

    def facts(self):
        storages, slabel = {}, {}
        objects = {self.label[builtin_id(o)]: self.describe(o, storages, slabel) for o in self.objs}
        names = {name: self.ref(v) for name, v in self.pairs}
        return {"names": names, "objects": objects, "storages": storages}


def extent(a):
    """Byte range [lo, hi) that ndarray a touches."""
    base = a.__array_interface__["data"][0]
    if a.size == 0:
        return base, base
    lo = sum((n - 1) * s for n, s in zip(a.shape, a.strides) if s < 0)
    hi = sum((n - 1) * s for n, s in zip(a.shape, a.strides) if s > 0)
    return base + lo, base + hi + a.itemsize


def snapshot(ns, imported):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return State(ns, imported).facts()


# -- running --------------------------------------------------------------

def exception_fact(exc):
    return {"type": type(exc).__name__, "message": str(exc).split("\n")[0]}


def warning_fact(w):
    text = str(w.message)
    cut = text.find(INTERNAL_NOTE)
    return "%s: %s" % (w.category.__name__, text if cut < 0 else text[:cut])


def run(path):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    name = os.path.basename(path)
    torch.manual_seed(0)
    np.random.seed(0)
    random.seed(0)
    try:
        stmts = list(statements(src))
    except SyntaxError as exc:
        step = {"line": 1, "source": src, "stdout": "", "ids": [], "warnings": [],
                "error": exception_fact(exc), "names": {}, "objects": {}, "storages": {}}
        return {"schema": SCHEMA, "file": name, "steps": [step]}

    seen_ids = []

    def scenario_id(*args, **kwargs):
        value = builtin_id(*args, **kwargs)
        seen_ids.append(value)
        return value

    scenario_id.__name__ = scenario_id.__qualname__ = "id"
    ns = {"__name__": "__main__",
          "__builtins__": dict(vars(builtins), id=scenario_id)}
    imported = {}
    steps = []
    for line, text, node in stmts:
        bound = imported_names(node)
        before = dict(ns) if "*" in bound else None
        seen_ids.clear()
        out = io.StringIO()
        error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with redirect_stdout(out):
                try:
                    exec(compile(ast.Module([node], []), name, "exec"), ns)
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:
                    error = exception_fact(exc)
        imported.update((k, ns[k]) for k in bound if k in ns)
        if before is not None:
            imported.update((k, v) for k, v in ns.items() if k not in before or before[k] is not v)
        step = {"line": line, "source": text, "stdout": out.getvalue(), "ids": list(seen_ids),
                "warnings": [warning_fact(w) for w in caught], "error": error}
        step.update(snapshot(ns, imported))
        steps.append(step)
    return {"schema": SCHEMA, "file": name, "steps": steps}


# -- output ---------------------------------------------------------------

def to_json(facts):
    """Readable JSON: one step field, object, name or storage per line."""
    def one(v):
        return json.dumps(v, ensure_ascii=False)

    def block(d, pad):
        if not d:
            return "{}"
        inner = ",\n".join("%s%s: %s" % (pad + " ", one(k), one(v)) for k, v in d.items())
        return "{\n%s\n%s}" % (inner, pad)

    steps = []
    for st in facts["steps"]:
        fields = []
        for k, v in st.items():
            text = block(v, "   ") if k in ("names", "objects", "storages") and len(one(v)) > 80 else one(v)
            fields.append("   %s: %s" % (one(k), text))
        steps.append("  {\n" + ",\n".join(fields) + "\n  }")
    return ('{\n "schema": %s,\n "file": %s,\n "steps": [\n%s\n ]\n}\n'
            % (one(facts["schema"]), one(facts["file"]), ",\n".join(steps)))


def record_to(case, out_path):
    text = to_json(run(case))
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # set/dict-of-str printing order depends on the hash seed: fix it
        os.execve(sys.executable, [sys.executable] + sys.argv,
                            dict(os.environ, PYTHONHASHSEED="0"))
    ap = argparse.ArgumentParser(description="Record copyscope-facts/1 of a scenario.")
    ap.add_argument("case", nargs="?", help="scenario .py (with --all: a folder)")
    ap.add_argument("-o", "--output", help="output file (default: standard output)")
    ap.add_argument("--all", action="store_true",
                                    help="re-record CASE.json next to every CASE.py below the folder")
    args = ap.parse_args()
    sys.setrecursionlimit(10000)
    torch.set_num_threads(1)
    if not args.all:
        if not args.case:
            ap.error("a scenario file is needed")
        record_to(args.case, args.output)
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    root = args.case or here
    failed = 0
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        if os.path.abspath(folder) == here:
            continue      # the tools themselves, not scenarios
        for f in sorted(files):
            if f.endswith(".py"):
                case = os.path.join(folder, f)
                print("recording", os.path.relpath(case, root), flush=True)
                # one process per case: warnings PyTorch gives once per process
                # must be seen by every case
                rc = subprocess.run([sys.executable, os.path.abspath(__file__), case,
                                                          "-o", case[:-3] + ".json"]).returncode
                failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
