#!/usr/bin/python3
# record-numeric-goldens.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records the goldens the numeric kernel tests (tests/core/test-random.c,
# test-format.c, test-strided.c) compare against, from real PyTorch 1.13
# and NumPy 1.24.  Run with the system interpreter, from anywhere:
#
#     /usr/bin/python3 tests/core/record-numeric-goldens.py
#
# It rewrites tests/core/goldens/*.txt.  Never edit those by hand.

import os
import struct
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'goldens')

torch.set_num_threads(1)


def f32_hex(v):
    return '%08x' % struct.unpack('<I', struct.pack('<f', v))[0]


def f64_hex(v):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]


def values_line(t):
    """One line with the exact values of a tensor or array (flattened)."""
    if isinstance(t, torch.Tensor):
        dt = str(t.dtype).replace('torch.', '')
        vals = t.flatten().tolist()
    else:
        dt = str(t.dtype)
        vals = t.flatten().tolist()
    if dt == 'float32':
        return ' '.join(f32_hex(v) for v in vals)
    if dt == 'float64':
        return ' '.join(f64_hex(v) for v in vals)
    if dt == 'float16':
        bits = t.flatten().view(torch.int16).tolist() if isinstance(t, torch.Tensor) else t.view(np.uint16).tolist()
        return ' '.join('%04x' % (b & 0xffff) for b in bits)
    return ' '.join(str(int(v)) for v in vals)


# ---- random ----------------------------------------------------------------
#
# Format (one case = one fresh generator):
#   case torch SEED            or   case numpy SEED
#   OP ARGS...                 the call made
#   = VALUES                   its result (hex bits of floats, decimal ints)
#   end

TORCH_DT = {'float32': torch.float32, 'float64': torch.float64, 'float16': torch.float16,
            'int64': torch.int64, 'int32': torch.int32, 'uint8': torch.uint8}


def torch_op(op, args):
    if op == 'rand':
        dt, n = args
        return torch.rand(int(n), dtype=TORCH_DT[dt])
    if op == 'randn':
        dt, n = args
        return torch.randn(int(n), dtype=TORCH_DT[dt])
    if op == 'randint':
        lo, hi, dt, n = args
        return torch.randint(int(lo), int(hi), (int(n),), dtype=TORCH_DT[dt])
    if op == 'randperm':
        return torch.randperm(int(args[0]))
    if op == 'normal':
        dt, n, mean, std = args
        return torch.empty(int(n), dtype=TORCH_DT[dt]).normal_(float(mean), float(std))
    if op == 'uniform':
        dt, n, lo, hi = args
        return torch.empty(int(n), dtype=TORCH_DT[dt]).uniform_(float(lo), float(hi))
    raise ValueError(op)


def numpy_op(op, args):
    if op == 'rand':
        return np.random.rand(int(args[0]))
    if op == 'randn':
        return np.random.randn(int(args[0]))
    if op == 'randint':
        lo, hi, n = args
        return np.random.randint(int(lo), int(hi), size=int(n))
    if op == 'uniform':
        lo, hi, n = args
        return np.random.uniform(float(lo), float(hi), size=int(n))
    if op == 'normal':
        loc, scale, n = args
        return np.random.normal(float(loc), float(scale), size=int(n))
    if op == 'permutation':
        return np.random.permutation(int(args[0]))
    if op == 'shuffle':
        a = np.arange(int(args[0])) * 10
        np.random.shuffle(a)
        return a
    raise ValueError(op)


def random_cases():
    cases = []
    seeds = [0, 1, 3, 42, 2024, 123456789, 4294967295, 2**40 + 7]
    for s in seeds:
        cases.append(('torch', s, [('rand', ['float32', '40']), ('rand', ['float64', '7']),
                                   ('rand', ['float16', '9']), ('rand', ['float32', '2'])]))
    for s in [0, 3, 42, 99, 4294967296 + 3]:
        for n in range(1, 41):
            cases.append(('torch', s, [('randn', ['float32', str(n)])]))
    for s in [0, 7, 42]:
        for n in list(range(1, 36)) + [47, 48, 100]:
            cases.append(('torch', s, [('randn', ['float64', str(n)])]))
    for s in [1, 5, 1234]:
        for n in [64, 100, 257, 1000, 1013]:
            cases.append(('torch', s, [('randn', ['float32', str(n)])]))
    # Interleavings: the cached normal sample survives rand and big randn.
    cases.append(('torch', 3, [('rand', ['float32', '3']), ('randn', ['float32', '2']),
                               ('randn', ['float32', '1']), ('randn', ['float32', '1']),
                               ('randn', ['float32', '3']), ('randn', ['float32', '20']),
                               ('randn', ['float32', '1']), ('rand', ['float64', '2']),
                               ('randn', ['float64', '1'])]))
    cases.append(('torch', 0, [('randn', ['float32', '1']), ('randn', ['float32', '16']),
                               ('randn', ['float64', '1']), ('randn', ['float32', '5'])]))
    cases.append(('torch', 11, [('randn', ['float64', '3']), ('randn', ['float32', '1'])]))
    cases.append(('torch', 0, [('randint', ['0', '10', 'int64', '20']),
                               ('randint', ['-5', '5', 'int32', '9']),
                               ('randint', ['0', str(2**40), 'int64', '4']),
                               ('randint', ['3', '4', 'int64', '3']),
                               ('randint', ['0', '256', 'uint8', '6']),
                               ('rand', ['float32', '2'])]))
    for s in [0, 8]:
        cases.append(('torch', s, [('randperm', ['1']), ('randperm', ['5']),
                                   ('randperm', ['10']), ('randperm', ['33']), ('randperm', ['1000']),
                                   ('rand', ['float32', '1'])]))
    for s in [0, 5, 77]:
        for dt in ('float32', 'float64'):
            cases.append(('torch', s, [('normal', [dt, '5', '2.5', '0.3']),
                                       ('normal', [dt, '40', '-1.7', '3.1']),
                                       ('normal', [dt, '16', '1000', '0.001']),
                                       ('normal', [dt, '3', '0.1', '7']),
                                       ('uniform', [dt, '50', '-1.3', '2.7']),
                                       ('uniform', [dt, '30', '1e-3', '123.456']),
                                       ('uniform', [dt, '7', '-5', '-2'])]))
    for s in [0, 1, 3, 42, 4294967295]:
        cases.append(('numpy', s, [('rand', ['10']), ('randn', ['7']), ('randn', ['1']),
                                   ('rand', ['1']), ('randn', ['1']), ('randn', ['2'])]))
    for s in [0, 9]:
        cases.append(('numpy', s, [('uniform', ['-2.5', '7', '9']), ('normal', ['3', '0.5', '5']),
                                   ('permutation', ['10']), ('shuffle', ['7']), ('permutation', ['1']),
                                   ('permutation', ['300']), ('normal', ['-1', '2', '1']), ('rand', ['1'])]))
    cases.append(('numpy', 0, [('randint', ['0', '10', '20']), ('randint', ['-3', '3', '8']),
                               ('randint', ['0', str(2**40), '5']), ('randint', ['5', '6', '2']),
                               ('randint', ['0', str(2**32), '3']), ('rand', ['2'])]))
    return cases


def write_random():
    lines = []
    for lib, seed, ops in random_cases():
        lines.append('case %s %d' % (lib, seed))
        if lib == 'torch':
            torch.manual_seed(seed)
        else:
            np.random.seed(seed)
        for op, args in ops:
            r = torch_op(op, args) if lib == 'torch' else numpy_op(op, args)
            lines.append(' '.join([op] + args))
            lines.append('= ' + values_line(r))
        lines.append('end')
    with open(os.path.join(OUT, 'random.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# ---- Python float repr -------------------------------------------------------
#
# Format: one line per value, "<hex bits of the double> <repr(value)>".

def pyfloat_values():
    import random
    rng = random.Random(1234)
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e-4, 1e-5, 9.999e-5,
            0.00012345, 1e15, 1e16, 9999999999999998.0, 1e16 - 2, 1.5e16, 1e22, 1e23,
            123456789.0, 1234567890123456789.0, 5e-324, 1e-323, 2.2250738585072014e-308,
            1.7976931348623157e308, 2.0 ** -1074 * 3, 2.0 ** 60, 2.0 ** 53 + 2, 0.5, 0.25,
            100.0, 1e100, 1.5, 2.5, -273.15, 3.141592653589793, 2.718281828459045,
            float('inf'), float('-inf'), float('nan'), 4.35, 0.3, 1.1, 2.675, 1e-7,
            0.000123, 12345.678, 1e-10, 299792458.0]
    for e in range(-30, 31):
        vals.append(10.0 ** e)
        vals.append(2.0 ** e)
        vals.append(-(7.0 ** e) / 3)
    for _ in range(400):
        bits = rng.getrandbits(64)
        v = struct.unpack('<d', struct.pack('<Q', bits))[0]
        if v == v:
            vals.append(v)
    for _ in range(300):
        vals.append(float(np.float32(rng.uniform(-10, 10))))
        vals.append(float(np.float32(rng.gauss(0, 1) * 10 ** rng.randint(-8, 8))))
    for _ in range(200):
        vals.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
    return vals


def write_pyfloat():
    with open(os.path.join(OUT, 'pyfloat.txt'), 'w') as f:
        for v in pyfloat_values():
            f.write('%s %r\n' % (f64_hex(v), v))


# ---- strided ------------------------------------------------------------------
#
# Format: one case per line,
#   OP LIB SHAPE STRIDES OFFSET | ARGS => RESULT
# SHAPE/STRIDES are comma lists ("-" when empty); OFFSET and strides count
# elements.  RESULT is "ok SHAPE STRIDES OFFSET [view|copy]" or
# "err ExcType: message" (first line of str(exc)).

def lst(v):
    return ','.join(str(int(x)) for x in v) if len(v) else '-'


def layout_of(r, root):
    if isinstance(r, torch.Tensor):
        return '%s %s %d' % (lst(r.shape), lst(r.stride()), r.storage_offset())
    isz = r.itemsize
    off = (r.__array_interface__['data'][0] - root.__array_interface__['data'][0])
    assert off % isz == 0
    return '%s %s %d' % (lst(r.shape), lst([x // isz for x in r.strides]), off // isz)


def make_torch(shape, strides, offset):
    need = offset + sum((d - 1) * st for d, st in zip(shape, strides) if d > 0) + 1
    base = torch.arange(max(need, 1) + 4, dtype=torch.float32)
    return base, base.as_strided(shape, strides, offset)


def make_numpy(shape, strides, offset):
    lo = sum((d - 1) * st for d, st in zip(shape, strides) if d > 0 and st < 0)
    hi = sum((d - 1) * st for d, st in zip(shape, strides) if d > 0 and st > 0)
    assert offset + lo >= 0
    root = np.arange(offset + hi + 5, dtype=np.float64)
    a = np.lib.stride_tricks.as_strided(root[offset:], shape, [x * 8 for x in strides])
    return root, a


def run_case(lib, shape, strides, offset, fn, copy_check=False):
    try:
        if lib == 'torch':
            root, x = make_torch(shape, strides, offset)
        else:
            root, x = make_numpy(shape, strides, offset)
        r = fn(x)
        res = 'ok ' + layout_of(r, root)
        if copy_check:
            if lib == 'torch':
                shared = r.storage().data_ptr() == root.storage().data_ptr()
            else:
                shared = np.shares_memory(r, root) or r.size == 0 and r.base is not None and np.byte_bounds(r)[0] >= np.byte_bounds(root)[0] and np.byte_bounds(r)[0] <= np.byte_bounds(root)[1]
            res += ' view' if shared else ' copy'
            if not shared:
                # The copy's own layout: offset 0 in a new buffer.
                if lib == 'torch':
                    res = 'ok %s %s %d copy' % (lst(r.shape), lst(r.stride()), r.storage_offset())
                else:
                    b = r
                    while b.base is not None and isinstance(b.base, np.ndarray):
                        b = b.base
                    off = (r.__array_interface__['data'][0] - b.__array_interface__['data'][0]) // 8
                    res = 'ok %s %s %d copy' % (lst(r.shape), lst([v // 8 for v in r.strides]), off)
        return res
    except Exception as e:
        return 'err %s: %s' % (type(e).__name__, str(e).split('\n')[0])


def base_layouts():
    """(shape, strides, offset) of many views, as PyTorch makes them."""
    x = torch.arange(720.)
    views = [
        x[:6].view(2, 3), x[:6].view(2, 3).t(), x[:24].view(2, 3, 4),
        x[:24].view(2, 3, 4).permute(2, 0, 1), x[:24].view(2, 3, 4).transpose(0, 1),
        x[:24].view(2, 3, 4)[:, 1:], x[:24].view(2, 3, 4)[:, :, ::2],
        x[:24].view(2, 3, 4)[:, ::2], x[:24].view(4, 6)[1:3, 2:5], x[:12].view(3, 4)[:, 1],
        x[:12].view(3, 1, 4), x[:12].view(3, 1, 4).transpose(0, 1),
        x[:3].view(3, 1).expand(3, 4), x[:4].expand(3, 4), x[:24].view(2, 12)[:, ::3],
        x[:6].view(1, 6), x[:6].view(6, 1), x[:6].view(6, 1).t(), x[:1].view(1, 1),
        x[:0].view(0, 3), x[:0].view(2, 0), x[:60].view(3, 4, 5)[1:, ::2, 1::2],
        x[:120].view(2, 3, 4, 5).permute(0, 2, 1, 3), x[:36].view(6, 6)[::2, ::3],
        x[5:11], x[:8][::2], x[:10].view(2, 5)[:, 1:4].t(),
    ]
    out = []
    for v in views:
        out.append((tuple(v.shape), tuple(v.stride()), v.storage_offset()))
    out.append(((), (), 3))
    out.append(((4,), (0,), 1))
    out.append(((2, 2, 2), (4, 0, 1), 0))
    return out


def factor_shapes(n):
    shapes = [(n,), (-1,), (1, n), (n, 1), (1, -1)]
    for a in range(1, n + 1):
        if n % a == 0:
            shapes.append((a, n // a))
            shapes.append((a, -1))
            for b in range(1, n // a + 1):
                if (n // a) % b == 0:
                    shapes.append((a, b, n // a // b))
    shapes += [(n + 1,), (-1, -1), (0, -1), (-1, 0), (2, -1, 1), (1, 1, -1, 1)]
    if n == 0:
        shapes += [(0,), (3, 0), (0, 0, 2), ()]
    if n == 1:
        shapes += [(), (1, 1, 1)]
    seen, res = set(), []
    for s in shapes:
        if s not in seen and len(s) <= 4:
            seen.add(s)
            res.append(s)
    return res[:40]


def index_exprs():
    S = slice
    return [
        (0,), (-1,), (5,), (-7,), (S(None),), (S(1, None),), (S(None, None, 2),),
        (S(None, None, -1),), (S(5, 1, -2),), (S(None, None, 0),), (S(1, 0),), (S(10, None),),
        (S(-10, 10),), (0, 0), (0, S(None), 1), (None,), (None, 0), (Ellipsis,),
        (Ellipsis, 0), (0, Ellipsis), (Ellipsis, None), (Ellipsis, Ellipsis), (None, Ellipsis, None),
        (S(None), None, 1), (1, None, 5), (S(1, 3), S(None, None, 2)), (S(-2, None), -1),
        (0, 0, 0, 0), (S(3, 1),), (S(None, 1, -1),), (S(-100, 100, 3),),
        (Ellipsis, S(None, None, 2)), (Ellipsis, S(None, None, -2)), (2, S(None, None, -1)),
    ]


def enc_index(items):
    out = []
    for it in items:
        if it is None:
            out.append('N')
        elif it is Ellipsis:
            out.append('E')
        elif isinstance(it, slice):
            f = lambda v: '' if v is None else str(v)
            out.append('s%s:%s:%s' % (f(it.start), f(it.stop), f(it.step)))
        else:
            out.append('i%d' % it)
    return ' '.join(out) if out else '-'


def write_strided():
    lines = []
    bases = base_layouts()
    for shape, strides, offset in bases:
        numel = 1
        for d in shape:
            numel *= d
        head = lambda op, lib: '%s %s %s %s %d' % (op, lib, lst(shape), lst(strides), offset)
        for tgt in factor_shapes(numel):
            args = lst(tgt)
            lines.append('%s | %s => %s' % (head('view', 'torch'), args,
                         run_case('torch', shape, strides, offset, lambda x: x.view(tgt))))
            lines.append('%s | %s => %s' % (head('reshape', 'torch'), args,
                         run_case('torch', shape, strides, offset, lambda x: x.reshape(tgt), True)))
            lines.append('%s | %s => %s' % (head('reshape', 'numpy'), args,
                         run_case('numpy', shape, strides, offset, lambda x: x.reshape(tgt), True)))
        for items in index_exprs():
            for lib in ('torch', 'numpy'):
                if len(items) == 1:
                    fn = lambda x, it=items[0]: x[it]
                else:
                    fn = lambda x, it=items: x[it]
                if lib == 'numpy':
                    # Indexing every axis with an integer gives a NumPy
                    # scalar; "..." added at the end gives the 0-d view of
                    # the same element, whose layout we record.
                    fn = lambda x, f=fn, it=items: (
                        f(x) if not isinstance(f(x), np.generic) else x[tuple(it) + (Ellipsis,)])
                lines.append('%s | %s => %s' % (head('index', lib), enc_index(items),
                             run_case(lib, shape, strides, offset, fn)))
        nd = len(shape)
        for d0, d1 in [(0, 1), (-1, 0), (1, 2), (0, 3), (-3, 0), (0, 0)]:
            lines.append('%s | %d,%d => %s' % (head('transpose', 'torch'), d0, d1,
                         run_case('torch', shape, strides, offset, lambda x: x.transpose(d0, d1))))
            lines.append('%s | %d,%d => %s' % (head('transpose', 'numpy'), d0, d1,
                         run_case('numpy', shape, strides, offset, lambda x: np.swapaxes(x, d0, d1))))
        perms = [tuple(range(nd))[::-1], tuple(range(nd)), (0,) * nd, tuple(range(nd + 1)),
                 tuple(range(1, nd)) + (0,), (-1,) + tuple(range(nd - 1))]
        for p in perms:
            args = lst(p)
            lines.append('%s | %s => %s' % (head('permute', 'torch'), args,
                         run_case('torch', shape, strides, offset, lambda x: x.permute(p))))
            lines.append('%s | %s => %s' % (head('permute', 'numpy'), args,
                         run_case('numpy', shape, strides, offset, lambda x: x.transpose(p))))
        lines.append('%s | - => %s' % (head('t', 'torch'),
                     run_case('torch', shape, strides, offset, lambda x: x.t())))
        for d in range(-nd - 2, nd + 2):
            lines.append('%s | %d => %s' % (head('unsqueeze', 'torch'), d,
                         run_case('torch', shape, strides, offset, lambda x: x.unsqueeze(d))))
            lines.append('%s | %d => %s' % (head('unsqueeze', 'numpy'), d,
                         run_case('numpy', shape, strides, offset, lambda x: np.expand_dims(x, d))))
            lines.append('%s | %d => %s' % (head('squeeze', 'torch'), d,
                         run_case('torch', shape, strides, offset, lambda x: x.squeeze(d))))
            lines.append('%s | %d => %s' % (head('squeeze', 'numpy'), d,
                         run_case('numpy', shape, strides, offset, lambda x: x.squeeze(d))))
            for start, length in [(0, 1), (1, 2), (-1, 1), (2, 0), (0, -1), (3, 1), (-5, 1)]:
                lines.append('%s | %d,%d,%d => %s' % (head('narrow', 'torch'), d, start, length,
                             run_case('torch', shape, strides, offset, lambda x: x.narrow(d, start, length))))
            for idx in [0, 1, -1, 2, -3]:
                lines.append('%s | %d,%d => %s' % (head('select', 'torch'), d, idx,
                             run_case('torch', shape, strides, offset, lambda x: x.select(d, idx))))
            for e in range(-nd - 1, nd + 1):
                lines.append('%s | %d,%d => %s' % (head('flatten', 'torch'), d, e,
                             run_case('torch', shape, strides, offset, lambda x: x.flatten(d, e), True)))
        lines.append('%s | - => %s' % (head('squeeze', 'torch'),
                     run_case('torch', shape, strides, offset, lambda x: x.squeeze())))
        lines.append('%s | - => %s' % (head('squeeze', 'numpy'),
                     run_case('numpy', shape, strides, offset, lambda x: x.squeeze())))
        for tgt in [(2,) + tuple(shape), (-1,) * nd, (3,) + (-1,) * nd, (1,) + tuple(shape),
                    tuple(4 if d == 1 else d for d in shape), (-1,) + tuple(shape), (5,),
                    tuple(shape)[1:], (2, 0) + tuple(shape)]:
            args = lst(tgt)
            lines.append('%s | %s => %s' % (head('expand', 'torch'), args,
                         run_case('torch', shape, strides, offset, lambda x: x.expand(tgt))))
            if all(v >= 0 for v in tgt):
                lines.append('%s | %s => %s' % (head('broadcast_to', 'numpy'), args,
                             run_case('numpy', shape, strides, offset, lambda x: np.broadcast_to(x, tgt))))
        lines.append('%s | - => flags %d %d' % (head('contig', 'torch'),
                     make_torch(shape, strides, offset)[1].is_contiguous(),
                     make_torch(shape, strides, offset)[1].is_contiguous()))
        a = make_numpy(shape, strides, offset)[1]
        lines.append('%s | - => flags %d %d' % (head('contig', 'numpy'),
                     a.flags['C_CONTIGUOUS'], a.flags['F_CONTIGUOUS']))

    # NumPy-only layouts with negative strides.
    neg = [((6,), (-1,), 5), ((2, 3), (-3, 1), 3), ((2, 3), (3, -1), 2), ((3, 2), (-1, -3), 5),
           ((2, 2), (-6, -2), 10), ((2, 1, 3), (-3, 7, -1), 5), ((4,), (-2,), 6)]
    for shape, strides, offset in neg:
        numel = 1
        for d in shape:
            numel *= d
        head = '%s numpy %s %s %d' % ('%s', lst(shape), lst(strides), offset)
        for tgt in factor_shapes(numel):
            lines.append('%s | %s => %s' % (head % 'reshape', lst(tgt),
                         run_case('numpy', shape, strides, offset, lambda x: x.reshape(tgt), True)))
        for items in index_exprs():
            fn = (lambda x, it=items[0]: x[it]) if len(items) == 1 else (lambda x, it=items: x[it])
            fn2 = lambda x, f=fn, it=items: (
                f(x) if not isinstance(f(x), np.generic) else x[tuple(it) + (Ellipsis,)])
            lines.append('%s | %s => %s' % (head % 'index', enc_index(items),
                         run_case('numpy', shape, strides, offset, fn2)))
        for d in range(-len(shape) - 1, len(shape) + 1):
            lines.append('%s | %d => %s' % (head % 'unsqueeze', d,
                         run_case('numpy', shape, strides, offset, lambda x: np.expand_dims(x, d))))
        a = make_numpy(shape, strides, offset)[1]
        lines.append('%s | - => flags %d %d' % (head % 'contig', a.flags['C_CONTIGUOUS'],
                                                a.flags['F_CONTIGUOUS']))

    shapes = [(), (1,), (3,), (2,), (0,), (2, 3), (3, 1), (1, 3), (4, 1, 1), (2, 1, 3), (5, 3),
              (0, 3), (1, 0), (3, 2)]
    for a in shapes:
        for b in shapes:
            for lib in ('torch', 'numpy'):
                try:
                    if lib == 'torch':
                        r = (torch.ones(a) + torch.ones(b)).shape
                    else:
                        r = (np.ones(a) + np.ones(b)).shape
                    res = 'ok %s' % lst(r)
                except Exception as e:
                    res = 'err %s: %s' % (type(e).__name__, str(e).split('\n')[0])
                lines.append('broadcast %s %s | %s => %s' % (lib, lst(a), lst(b), res))

    with open(os.path.join(OUT, 'strided.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# ---- promotion ------------------------------------------------------------------
#
# Format: "promote LIB OPERAND OPERAND [OPERAND] => DTYPE" where an operand is
# A:dtype (array, ndim 1), Z:dtype:value (0-d tensor / 0-d array),
# S:dtype:value (NumPy scalar), P:bool|int|float:value (Python scalar).
# "div" lines give the dtype of true division a / b.

def make_operand(lib, spec):
    kind, rest = spec.split(':', 1)
    if kind == 'P':
        t, v = rest.split(':')
        return {'bool': lambda v: v == 'True', 'int': int, 'float': float}[t](v)
    if kind == 'A':
        if lib == 'torch':
            return torch.ones(2, dtype=getattr(torch, rest))
        return np.ones(2, dtype=rest)
    t, v = rest.split(':')
    val = float(v) if 'float' in t else (v == 'True' if t == 'bool' else int(v))
    if kind == 'Z':
        if lib == 'torch':
            return torch.tensor(val, dtype=getattr(torch, t))
        return np.array(val, dtype=t)
    return getattr(np, t if t != 'bool' else 'bool_')(val)


def write_promotion():
    dts = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64']
    pys = ['P:bool:True', 'P:int:1', 'P:int:300', 'P:int:-1', 'P:int:70000', 'P:int:-40000',
           'P:int:5000000000', 'P:float:2.5', 'P:float:1e+300', 'P:float:100000.0']
    lines = []
    for lib in ('torch', 'numpy'):
        ops = ['A:' + d for d in dts]
        zs = ['Z:' + d + ':' + ('True' if d == 'bool' else ('2.5' if 'float' in d else '3')) for d in dts]
        zs += ['Z:int64:300', 'Z:int64:-200', 'Z:float64:1e+10', 'Z:int32:70000']
        if lib == 'numpy':
            zs += ['S:float32:2.5', 'S:float64:2.5', 'S:int64:3', 'S:int64:1000', 'S:uint8:200',
                   'S:bool:True', 'S:int32:-5']
        pairs = [(a, b) for a in ops for b in ops]
        pairs += [(a, z) for a in ops for z in zs]
        pairs += [(z, a) for a in ops[::3] for z in zs[:6]]
        pairs += [(a, p) for a in ops for p in pys]
        pairs += [(p, a) for a in ops[::2] for p in pys[::3]]
        pairs += [(z, p) for z in zs for p in pys[::2]]
        pairs += [(z1, z2) for z1 in zs[::2] for z2 in zs[::3]]
        pairs += [(p, q) for p in pys for q in pys[::4]]
        for a, b in pairs:
            if a.startswith('P') and b.startswith('P'):
                continue
            for op, fn in (('promote', lambda x, y: x + y), ('div', lambda x, y: x / y)):
                try:
                    with np.errstate(all='ignore'):
                        r = fn(make_operand(lib, a), make_operand(lib, b))
                    dt = str(r.dtype).replace('torch.', '')
                except Exception as e:
                    dt = 'err'
                lines.append('%s %s %s %s => %s' % (op, lib, a, b, dt))
    # Casting rules of in-place operations.
    for a in dts:
        for b in dts:
            lines.append('cancast torch A:%s A:%s => %s' % (a, b, torch.can_cast(getattr(torch, a), getattr(torch, b))))
            lines.append('samekind numpy A:%s A:%s => %s' % (a, b, np.can_cast(a, b, 'same_kind')))
    with open(os.path.join(OUT, 'promotion.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# ---- format -----------------------------------------------------------------
#
# format.json: a list of cases, each
#   {"lib": "torch"|"numpy", "what": "repr"|"str"|"scalar", "dtype": "float32",
#    "shape": [...], "strides": [...], "offset": N,
#    "storage": [...],            (the whole buffer: ints, or hex bits of floats)
#    "requires_grad": bool, "grad_fn": "MulBackward0"|null,
#    "options": {...},            (set_printoptions arguments, may be empty)
#    "expected": "exact text"}

import json


def storage_hex(dtype, vals):
    if dtype == 'float32':
        return [f32_hex(v) for v in vals]
    if dtype == 'float64':
        return [f64_hex(v) for v in vals]
    if dtype == 'float16':
        return ['%04x' % int(v) for v in vals]
    if dtype == 'bool':
        return [1 if v else 0 for v in vals]
    return [int(v) for v in vals]


def torch_case(t, options=None, default_dtype=None):
    options = options or {}
    dt = str(t.dtype).replace('torch.', '')
    if default_dtype is not None:
        torch.set_default_dtype(default_dtype)
    torch.set_printoptions(profile='default')
    if options:
        torch.set_printoptions(**options)
    try:
        expected = repr(t)
        assert expected == str(t)
    finally:
        torch.set_printoptions(profile='default')
        torch.set_default_dtype(torch.float32)
    base = t.detach()
    st = base.storage()
    if dt == 'float16':
        vals = torch.tensor(st.tolist(), dtype=torch.float16).view(torch.int16).tolist()
        vals = [v & 0xffff for v in vals]
    else:
        vals = st.tolist()
    case = {'lib': 'torch', 'what': 'repr', 'dtype': dt, 'shape': list(t.shape),
            'strides': list(t.stride()), 'offset': t.storage_offset(),
            'storage': storage_hex(dt, vals), 'requires_grad': t.requires_grad,
            'grad_fn': type(t.grad_fn).__name__ if t.grad_fn is not None else None,
            'options': options, 'expected': expected}
    if default_dtype is not None:
        case['default_dtype'] = str(default_dtype).replace('torch.', '')
    return case


def numpy_cases(a, options=None):
    options = options or {}
    root = a
    while isinstance(root.base, np.ndarray):
        root = root.base
    isz = a.itemsize
    off = (a.__array_interface__['data'][0] - root.__array_interface__['data'][0]) // isz
    dt = str(a.dtype)
    flat = root.reshape(-1) if root.flags['C_CONTIGUOUS'] else None
    assert flat is not None
    if dt == 'float16':
        vals = flat.view(np.uint16).tolist()
    else:
        vals = flat.tolist()
    np.set_printoptions(**options) if options else None
    try:
        outs = [('repr', repr(a)), ('str', str(a))]
    finally:
        np.set_printoptions(precision=8, threshold=1000, edgeitems=3, linewidth=75,
                            suppress=False)
    res = []
    for what, text in outs:
        res.append({'lib': 'numpy', 'what': what, 'dtype': dt, 'shape': list(a.shape),
                    'strides': [x // isz for x in a.strides], 'offset': off,
                    'storage': storage_hex(dt, vals), 'options': options, 'expected': text})
    return res


def numpy_scalar_case(x):
    dt = str(x.dtype)
    a = np.array([x])
    vals = a.view(np.uint16).tolist() if dt == 'float16' else a.tolist()
    assert repr(x) == str(x)
    return {'lib': 'numpy', 'what': 'scalar', 'dtype': dt, 'shape': [], 'strides': [],
            'offset': 0, 'storage': storage_hex(dt, vals), 'options': {}, 'expected': repr(x)}


def format_value_sets():
    import random
    rng = random.Random(7)
    sets = [
        [0.4963, 0.7682, 0.0885, 0.1320], [1., 2., 3.], [0., 0., 0.], [-1., 2., -3.],
        [1.5, -2.25, 10.0], [1e-5, 1.0], [1e-5, 2e-5], [123456789.0, 1.0], [1e9, 2e9],
        [1000., 1.], [1001., 1.], [0.5, 5000.5], [1e8, 1.], [99999999., 1.],
        [float('nan'), 1.], [float('inf'), -1.5], [float('-inf'), 2.], [float('nan')],
        [float('inf'), float('-inf')], [float('nan'), 0.], [-0.0, 0.0], [-0.0],
        [0.1, 0.2, 0.3], [1 / 3, 2 / 3], [3.14159265358979, 2.718281828], [1e-4, 0.5],
        [9.99e-5, 0.5], [0.00012345], [1e20], [-1e-20, 1e20], [100., 2., 3.5],
        [12345.678, -0.001], [1e16, 1.], [65504., 0.5], [2.5, 3.5, -2.5], [0.00005],
        [1e-8, 1e-9], [1.0000001, 1.], [123.456, 7.0], [5e-324, 1.], [1.7e308, -1.7e308],
        [0.125, 0.25, 1024.], [7., 700000.], [1e7, 3.], [-5., -50., -500.],
    ]
    for _ in range(12):
        n = rng.randint(1, 9)
        scale = 10 ** rng.randint(-6, 9)
        sets.append([round(rng.gauss(0, 1) * scale, rng.randint(0, 8)) for _ in range(n)])
    return sets


def write_format():
    cases = []
    torch.manual_seed(0)
    np.random.seed(0)
    for vals in format_value_sets():
        for dt in (torch.float32, torch.float64, torch.float16):
            with np.errstate(all='ignore'):
                t = torch.tensor(vals, dtype=dt)
            cases.append(torch_case(t))
            if len(vals) == 1:
                cases.append(torch_case(t[0]))
        for dt in (np.float64, np.float32, np.float16):
            with np.errstate(all='ignore'):
                a = np.array(vals, dtype=dt)
            cases += numpy_cases(a)
            if len(vals) == 1:
                cases += numpy_cases(a.reshape(()))
            for v in a:
                cases.append(numpy_scalar_case(v))
    int_sets = [[1, 0, 3, 4], [-5, 10, 200], [0], [123456789012, -1], [7], [-1, -22, 333],
                [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]
    for vals in int_sets:
        for dt in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
            t = torch.tensor(vals).to(dt)
            cases.append(torch_case(t))
        for dt in (np.int64, np.int32, np.int16, np.int8, np.uint8):
            a = np.array(vals).astype(dt)
            cases += numpy_cases(a)
            cases.append(numpy_scalar_case(a[0]))
    for vals in [[True, False], [True], [False, False, True]]:
        cases.append(torch_case(torch.tensor(vals)))
        cases += numpy_cases(np.array(vals))
        cases.append(numpy_scalar_case(np.array(vals)[0]))
    # 0-d
    for v, dt in [(3, torch.int64), (3.0, torch.float32), (0.5, torch.float64), (True, torch.bool),
                  (-2, torch.int32), (1e-7, torch.float32), (float('nan'), torch.float32)]:
        cases.append(torch_case(torch.tensor(v, dtype=dt)))
    for v, dt in [(3, np.int64), (3.0, np.float32), (0.5, np.float64), (True, np.bool_),
                  (-2, np.int32), (1e-7, np.float64)]:
        cases += numpy_cases(np.array(v, dtype=dt))
    # empty
    for shape in [(0,), (0, 3), (2, 0), (2, 0, 3)]:
        for dt in (torch.float32, torch.int64, torch.float64, torch.bool, torch.int32):
            cases.append(torch_case(torch.zeros(shape, dtype=dt)))
        for dt in (np.float64, np.int64, np.float32, np.bool_):
            cases += numpy_cases(np.zeros(shape, dtype=dt))
    # n-d, wrapping, views
    x = torch.arange(24.).view(2, 3, 4)
    shapes_t = [
        torch.arange(12).view(3, 4), torch.arange(6.).view(2, 3), x, x / 7, x.permute(2, 0, 1),
        x[:, 1:, ::2], x.transpose(0, 2) - 5, torch.arange(120).view(2, 3, 4, 5),
        torch.rand(4, 5), torch.randn(3, 7), torch.randn(40), torch.rand(30) * 1000,
        torch.arange(100), torch.arange(100) * 1000003, torch.randn(2, 30), torch.randn(5, 2) * 1e-6,
        torch.arange(1001), torch.arange(2000.).view(40, 50), torch.randn(1001),
        torch.randn(11, 11, 11), torch.arange(1010).view(2, 505), torch.arange(10000).view(10, 10, 100),
        torch.randn(1200).double(), (torch.rand(1001) > 0.5), torch.arange(30).view(5, 6)[::2, 1::2],
        torch.arange(1.5, 61.5, 1.).view(3, 4, 5), torch.randn(1, 1, 3), torch.randn(3, 1),
        torch.tensor([[1e-3, 1e3], [1e5, 1e-5]]), torch.tensor([[1., 2.], [300., 4000.]]),
        torch.rand(6, 13) * 100, torch.randint(-1000, 1000, (8, 15)),
    ]
    for t in shapes_t:
        cases.append(torch_case(t))
    # autograd decorations
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    cases.append(torch_case(a))
    cases.append(torch_case(a * 2))
    cases.append(torch_case((a * 2).sum()))
    cases.append(torch_case(a + 1))
    cases.append(torch_case(a.clone()))
    cases.append(torch_case(a.view(3, 1)))
    cases.append(torch_case(torch.randn(12, 8, requires_grad=True)))
    cases.append(torch_case(torch.randn(30, requires_grad=True) * 3))
    cases.append(torch_case(torch.arange(60.).view(3, 20).requires_grad_() * 1))
    cases.append(torch_case(torch.rand(12, dtype=torch.float64, requires_grad=True)))
    cases.append(torch_case(torch.rand(8, 8, dtype=torch.float64, requires_grad=True) + 1))
    cases.append(torch_case(torch.zeros(0, requires_grad=True)))
    cases.append(torch_case(torch.zeros(0, 4, dtype=torch.float64, requires_grad=True)))
    # options
    opt_sets = [{'precision': 2}, {'precision': 0}, {'precision': 6}, {'sci_mode': True},
                {'sci_mode': False}, {'linewidth': 40}, {'threshold': 5}, {'edgeitems': 1, 'threshold': 10},
                {'linewidth': 120}]
    for opts in opt_sets:
        for t in [torch.tensor([0.4963, 0.7682, 1e-5]), torch.arange(20.), torch.randn(4, 6),
                  torch.tensor([1., 2.]), torch.arange(12).view(3, 4), torch.tensor(2.5)]:
            cases.append(torch_case(t, opts))
    for t in [torch.tensor([1., 2.]), torch.tensor([1., 2.], dtype=torch.float32),
              torch.tensor([], dtype=torch.float32), torch.tensor([0.5], dtype=torch.float64)]:
        cases.append(torch_case(t.to(t.dtype), default_dtype=torch.float64))
    # numpy arrays
    arrs = [
        np.arange(12).reshape(3, 4), np.arange(24).reshape(2, 3, 4), np.arange(6.).reshape(2, 3),
        np.arange(24.).reshape(2, 3, 4) / 7, np.random.rand(4, 5), np.random.randn(3, 7),
        np.random.randn(40), np.arange(100), np.arange(100) * 1000003, np.arange(1001),
        np.arange(2000.).reshape(40, 50), np.random.randn(1001), np.random.randn(11, 11, 11),
        np.arange(10000).reshape(10, 10, 100), np.random.rand(1001) > 0.5,
        np.arange(30).reshape(5, 6)[::2, 1::2], np.arange(12).reshape(3, 4).T,
        np.arange(12.)[::-1], np.arange(1.5, 61.5, 1.).reshape(3, 4, 5),
        np.array([[1e-3, 1e3], [1e5, 1e-5]]), np.random.rand(6, 13) * 100,
        np.random.randint(-1000, 1000, (8, 15)), np.arange(40, dtype=np.int32),
        np.arange(40, dtype=np.float32) / 3, np.random.rand(30).astype(np.float32),
        np.arange(24, dtype=np.uint8).reshape(4, 6), np.array([[True, False], [False, True]]),
        np.linspace(0, 1, 23), np.array([1e-10, 1., 1e10]), np.random.randn(5, 4) * 1e-6,
        np.arange(1200.).reshape(3, 400), np.random.randn(2, 1001).astype(np.float16),
    ]
    for a in arrs:
        cases += numpy_cases(a)
    for opts in [{'precision': 3}, {'precision': 2}, {'threshold': 5}, {'edgeitems': 1, 'threshold': 10},
                 {'linewidth': 40}, {'suppress': True}, {'precision': 4, 'suppress': True}]:
        for a in [np.array([0.4963, 0.7682, 1e-5]), np.arange(20.), np.random.randn(4, 6),
                  np.array([1., 2.]), np.arange(12).reshape(3, 4), np.array([1e-9, 1.5, 100.])]:
            cases += numpy_cases(a, opts)
    # Random arrays: magnitudes, special values, shapes, views.
    import random
    rng = random.Random(2024)
    for k in range(160):
        ndim = rng.choice([1, 1, 1, 2, 2, 3])
        shape = tuple(rng.randint(1, 7 if ndim > 1 else 25) for _ in range(ndim))
        n = 1
        for d in shape:
            n *= d
        mode = rng.choice(['gauss', 'int', 'tiny', 'huge', 'mixed', 'round', 'special'])
        vals = []
        for _ in range(n):
            if mode == 'gauss':
                v = rng.gauss(0, 1) * 10 ** rng.randint(-2, 3)
            elif mode == 'int':
                v = float(rng.randint(-10 ** rng.randint(1, 9), 10 ** rng.randint(1, 9)))
            elif mode == 'tiny':
                v = rng.gauss(0, 1) * 10 ** rng.randint(-12, -4)
            elif mode == 'huge':
                v = rng.gauss(0, 1) * 10 ** rng.randint(6, 30)
            elif mode == 'mixed':
                v = rng.gauss(0, 1) * 10 ** rng.randint(-8, 8)
            elif mode == 'round':
                v = round(rng.uniform(-100, 100), rng.randint(0, 3))
            else:
                v = rng.choice([0.0, -0.0, float('nan'), float('inf'), float('-inf'), 1.5, -2.0, 1e-9, 3e9])
            vals.append(v)
        if k % 3 == 0:
            t = torch.tensor(vals, dtype=rng.choice([torch.float32, torch.float64])).view(shape)
            if ndim == 2 and k % 2 == 0:
                t = t.t()
            cases.append(torch_case(t))
        elif k % 3 == 1:
            with np.errstate(all='ignore'):
                a = np.array(vals, dtype=rng.choice([np.float32, np.float64, np.float16])).reshape(shape)
            if ndim == 2 and k % 2 == 0:
                a = a.T
            cases += numpy_cases(a)
        else:
            ivals = [int(v) if v == v and abs(v) != float('inf') else 7 for v in vals]
            ivals = [max(-2 ** 31, min(2 ** 31 - 1, v)) for v in ivals]
            dt = rng.choice(['int64', 'int32'])
            cases.append(torch_case(torch.tensor(ivals, dtype=getattr(torch, dt)).view(shape)))
            cases += numpy_cases(np.array(ivals, dtype=dt).reshape(shape))
    with open(os.path.join(OUT, 'format.json'), 'w') as f:
        f.write('[\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]\n')


# ---- layouts of new tensors/arrays ------------------------------------------
#
# layouts.txt: which strides a copy or an elementwise result gets.
#   like torch SHAPE STRIDES => STRIDES            (torch.empty_like, clone, .double())
#   like numpy ORDER SHAPE STRIDES => STRIDES      (np.empty_like(a, order=ORDER))
#   ew LIB SHAPE STRIDES [; SHAPE STRIDES] => SHAPE STRIDES   (a + b, a + 1, abs(a))
# An operand "- -" is a Python scalar.

def layout_samples():
    import random
    rng = random.Random(99)
    out = []
    x = torch.arange(2000.)
    fixed = [x[:6].view(2, 3), x[:6].view(2, 3).t(), x[:24].view(2, 3, 4).permute(2, 0, 1),
             x[:24].view(2, 3, 4).permute(1, 2, 0), x[:24].view(2, 3, 4)[:, :, ::2],
             x[:24].view(2, 3, 4).transpose(0, 1)[:, 1:], x[:3].view(3, 1).expand(3, 4),
             x[:4].expand(3, 4), x[:12].view(3, 1, 4), x[:12].view(3, 1, 4).transpose(0, 1),
             x[:6].view(6, 1).t(), x[:120].view(2, 3, 4, 5).permute(0, 2, 3, 1),
             x[:120].view(2, 3, 4, 5).permute(3, 1, 0, 2), x[:36].view(6, 6)[::2, ::3],
             x[:10][::2], x[:1].view(1, 1, 1), x[:0].view(0, 3), x[:0].view(3, 0).t()]
    for v in fixed:
        out.append((tuple(v.shape), tuple(v.stride())))
    for _ in range(60):
        nd = rng.randint(1, 4)
        shape = [rng.randint(1, 4) for _ in range(nd)]
        perm = list(range(nd))
        rng.shuffle(perm)
        base = x[:1].new_empty(0)
        t = x[: int(np.prod(shape)) * 2].view(-1)[::2][: int(np.prod(shape))].view(shape) if rng.random() < 0.3 else x[: int(np.prod(shape))].view(shape)
        t = t.permute(perm)
        if rng.random() < 0.3:
            d = rng.randrange(nd)
            if t.shape[d] == 1:
                sh = list(t.shape)
                sh[d] = rng.randint(2, 3)
                t = t.expand(sh)
        out.append((tuple(t.shape), tuple(t.stride())))
    return out


def write_layouts():
    lines = []
    samples = layout_samples()
    base = torch.arange(4000.)
    nbase = np.arange(4000.)

    def T(shape, strides):
        return base.as_strided(shape, strides, 0)

    def N(shape, strides):
        return np.lib.stride_tricks.as_strided(nbase, shape, [v * 8 for v in strides])

    for shape, strides in samples:
        t = T(shape, strides)
        lines.append('like torch %s %s => %s' % (lst(shape), lst(strides), lst(torch.empty_like(t).stride())))
        assert t.clone().stride() == torch.empty_like(t).stride()
        for order in 'KCFA':
            a = N(shape, strides)
            r = np.empty_like(a, order=order)
            lines.append('like numpy %s %s %s => %s' % (order, lst(shape), lst(strides),
                                                        lst([v // 8 for v in r.strides])))
        # Unary and with a Python scalar.
        lines.append('ew torch %s %s => %s %s' % (lst(shape), lst(strides), lst((t.abs()).shape), lst(t.abs().stride())))
        r = t + 1
        lines.append('ew torch %s %s ; - - => %s %s' % (lst(shape), lst(strides), lst(r.shape), lst(r.stride())))
        a = N(shape, strides)
        r = np.abs(a)
        lines.append('ew numpy %s %s => %s %s' % (lst(shape), lst(strides), lst(r.shape), lst([v // 8 for v in r.strides])))
        r = a + 1
        lines.append('ew numpy %s %s ; - - => %s %s' % (lst(shape), lst(strides), lst(r.shape), lst([v // 8 for v in r.strides])))
    # Pairs of operands with equal or broadcastable shapes.
    for i, (s1, st1) in enumerate(samples):
        for j, (s2, st2) in enumerate(samples):
            if (i * 7 + j * 3) % 5:
                continue
            try:
                shp = torch.broadcast_shapes(s1, s2)
            except RuntimeError:
                continue
            r = T(s1, st1) + T(s2, st2)
            lines.append('ew torch %s %s ; %s %s => %s %s' % (lst(s1), lst(st1), lst(s2), lst(st2), lst(r.shape), lst(r.stride())))
            r = N(s1, st1) + N(s2, st2)
            lines.append('ew numpy %s %s ; %s %s => %s %s' % (lst(s1), lst(st1), lst(s2), lst(st2), lst(r.shape), lst([v // 8 for v in r.strides])))
    # NumPy-only: negative strides.
    a = np.arange(120.).reshape(2, 3, 4, 5)
    negs = [a[::-1], a[:, ::-1], a[..., ::-1], a[::-1, :, ::2], a.transpose(3, 1, 0, 2)[::-1],
            np.arange(12.).reshape(3, 4)[::-1, ::-1], np.arange(12.).reshape(3, 4).T[::-1],
            np.arange(10.)[::-2], np.arange(12.).reshape(3, 4)[:, ::-2]]
    for v in negs:
        nb = v.base if v.base is not None else v
        shape, strides = v.shape, [x // 8 for x in v.strides]
        for order in 'KCFA':
            lines.append('like numpy %s %s %s => %s' % (order, lst(shape), lst(strides),
                         lst([x // 8 for x in np.empty_like(v, order=order).strides])))
        lines.append('ew numpy %s %s => %s %s' % (lst(shape), lst(strides), lst(v.shape),
                     lst([x // 8 for x in np.abs(v).strides])))
        w = np.ones(v.shape[-1:])
        lines.append('ew numpy %s %s ; %s %s => %s %s' % (lst(shape), lst(strides), lst(w.shape), lst([1]),
                     lst(v.shape), lst([x // 8 for x in (v + w).strides])))
        c = np.ascontiguousarray(v)
        lines.append('ew numpy %s %s ; %s %s => %s %s' % (lst(shape), lst(strides), lst(c.shape),
                     lst([x // 8 for x in c.strides]), lst(v.shape), lst([x // 8 for x in (v + c).strides])))
        lines.append('ew numpy %s %s ; %s %s => %s %s' % (lst(c.shape), lst([x // 8 for x in c.strides]),
                     lst(shape), lst(strides), lst(v.shape), lst([x // 8 for x in (c + v).strides])))
    # NumPy reductions (axis, keepdims) and concatenation / stacking.
    #   reduce numpy SHAPE STRIDES AXIS KEEPDIMS => SHAPE STRIDES
    #   concat numpy AXIS SHAPE STRIDES ; SHAPE STRIDES => SHAPE STRIDES
    red_samples = [(sh, st) for sh, st in samples] + [
        (v.shape, tuple(x // 8 for x in v.strides)) for v in negs]
    for shape, strides in red_samples:
        lo = sum((d - 1) * st for d, st in zip(shape, strides) if d > 0 and st < 0)
        a = np.lib.stride_tricks.as_strided(nbase[-lo:], shape, [v * 8 for v in strides])
        for axis in range(len(shape)):
            for keep in (False, True):
                r = a.sum(axis=axis, keepdims=keep)
                lines.append('reduce numpy %s %s %d %d => %s %s' % (
                    lst(shape), lst(strides), axis, keep, lst(r.shape), lst([x // 8 for x in r.strides])))
    for shape, strides in samples:
        t = T(shape, strides)
        for axis in range(len(shape)):
            for keep in (False, True):
                r = t.sum(axis, keepdim=keep)
                lines.append('reduce torch %s %s %d %d => %s %s' % (
                    lst(shape), lst(strides), axis, keep, lst(r.shape), lst(r.stride())))
    for i, (s1, st1) in enumerate(samples):
        for j, (s2, st2) in enumerate(samples):
            if (i + 2 * j) % 7 or len(s1) != len(s2):
                continue
            for axis in range(len(s1)):
                if any(s1[k] != s2[k] for k in range(len(s1)) if k != axis):
                    continue
                r = np.concatenate([N(s1, st1), N(s2, st2)], axis=axis)
                lines.append('concat numpy %d %s %s ; %s %s => %s %s' % (
                    axis, lst(s1), lst(st1), lst(s2), lst(st2), lst(r.shape), lst([x // 8 for x in r.strides])))
            if s1 == s2:
                for axis in range(len(s1) + 1):
                    r = np.stack([N(s1, st1), N(s2, st2)], axis=axis)
                    e1 = N(s1, st1)[(slice(None),) * axis + (None,)]
                    e2 = N(s2, st2)[(slice(None),) * axis + (None,)]
                    lines.append('concat numpy %d %s %s ; %s %s => %s %s' % (
                        axis, lst(e1.shape), lst([x // 8 for x in e1.strides]), lst(e2.shape),
                        lst([x // 8 for x in e2.strides]), lst(r.shape), lst([x // 8 for x in r.strides])))
    with open(os.path.join(OUT, 'layouts.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


# ---- sums -------------------------------------------------------------------
#
# sums.txt: "sum LIB DTYPE ACC N SCALE SHAPE STRIDES OFFSET => HEX" -- the
# storage holds N values v[i] = ((i * 2654435761) % 2**32) / 2**32 * SCALE -
# SCALE / 2 converted to DTYPE (ints: truncated); the layout is a view of
# it; HEX is the bits of the sum (ACC float32: 8 digits, float64: 16,
# float16: 4).  torch: t.sum(); numpy: np.add.reduce(a, axis=None,
# dtype=ACC).

def lcg_values(n, scale):
    return [((i * 2654435761) % 2 ** 32) / 2 ** 32 * scale - scale / 2 for i in range(n)]


def sum_hex(v, acc):
    if acc == 'float32':
        return f32_hex(float(v))
    if acc == 'float16':
        return '%04x' % int(np.array([v], dtype=np.float16).view(np.uint16)[0])
    return f64_hex(float(v))


def write_sums():
    with np.errstate(all='ignore'):
        write_sums_inner()


def write_sums_inner():
    import random
    rng = random.Random(31)
    lines = []
    cases = []
    for n in list(range(1, 70)) + [100, 127, 128, 129, 255, 256, 1000, 1023, 4097, 8191, 8192,
                                  8193, 10000, 16400, 40000, 70000]:
        cases.append(((n,), (1,), 0, n))
    for _ in range(120):
        nd = rng.randint(2, 4)
        shape = [rng.randint(1, 40 if nd == 2 else 12) for _ in range(nd)]
        n = 1
        for d in shape:
            n *= d
        t = torch.arange(n * 2 + 5.)
        v = t[: n].view(shape) if rng.random() < 0.5 else t[1: 2 * n + 1][::2].view(shape)
        perm = list(range(nd))
        rng.shuffle(perm)
        v = v.permute(perm)
        if rng.random() < 0.3:
            d = rng.randrange(nd)
            if v.shape[d] > 2:
                v = v.narrow(d, 1, v.shape[d] - 2)
        cases.append((tuple(v.shape), tuple(v.stride()), v.storage_offset(), 2 * n + 5))
    for shape, strides, offset, n in cases:
        scale = rng.choice([1.0, 1000.0, 3e-3, 1e7])
        vals = lcg_values(n, scale)
        for dt in ('float32', 'float64'):
            base = torch.tensor(vals, dtype=getattr(torch, dt))
            r = base.as_strided(shape, strides, offset).sum()
            lines.append('sum torch %s %s %d %r %s %s %d => %s' % (dt, dt, n, scale, lst(shape), lst(strides),
                                                                  offset, sum_hex(r.item(), dt)))
        for dt in ('float32', 'float64'):
            base = torch.tensor(vals, dtype=getattr(torch, dt))
            v = base.as_strided(shape, strides, offset)
            for dim in range(len(shape)):
                r = v.sum(dim).contiguous().reshape(-1)
                if r.numel() > 48:
                    continue
                lines.append('sumdim torch %s %s %d %r %s %s %d %d => %s' % (
                    dt, dt, n, scale, lst(shape), lst(strides), offset, dim,
                    ','.join(sum_hex(x, dt) for x in r.tolist())))
        for dt, acc in (('float64', 'float64'), ('float32', 'float32'), ('float16', 'float16'),
                        ('float16', 'float32'), ('int64', 'float64'), ('float32', 'float64')):
            if dt == 'int64':
                base = np.array([int(v) for v in vals], dtype=np.int64)
            else:
                base = np.array(vals, dtype=dt)
            a = np.lib.stride_tricks.as_strided(base[offset:], shape, [x * base.itemsize for x in strides])
            r = np.add.reduce(a, axis=None, dtype=acc)
            lines.append('sum numpy %s %s %d %r %s %s %d => %s' % (dt, acc, n, scale, lst(shape), lst(strides),
                                                                  offset, sum_hex(r, acc)))
            for dim in range(len(shape)):
                r = np.add.reduce(a, axis=dim, dtype=acc).reshape(-1)
                if r.size > 48 or (dt, acc) in (('float16', 'float16'), ('float32', 'float64')):
                    continue
                lines.append('sumdim numpy %s %s %d %r %s %s %d %d => %s' % (
                    dt, acc, n, scale, lst(shape), lst(strides), offset, dim,
                    ','.join(sum_hex(x, acc) for x in r.tolist())))
    # Negative strides (NumPy only).
    for n in (5, 40, 300, 9000):
        vals = lcg_values(n, 100.0)
        for dt in ('float64', 'float32'):
            base = np.array(vals, dtype=dt)
            a = base[::-1]
            r = np.add.reduce(a, axis=None, dtype=dt)
            lines.append('sum numpy %s %s %d %r %s %s %d => %s' % (dt, dt, n, 100.0, lst(a.shape), '-1',
                                                                  n - 1, sum_hex(r, dt)))
    with open(os.path.join(OUT, 'sums.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    sections = sys.argv[1:] or ['random', 'pyfloat', 'strided', 'promotion', 'format', 'layouts', 'sums']
    if 'random' in sections:
        write_random()
    if 'pyfloat' in sections:
        write_pyfloat()
    if 'strided' in sections:
        write_strided()
    if 'promotion' in sections:
        write_promotion()
    if 'format' in sections:
        write_format()
    if 'layouts' in sections:
        write_layouts()
    if 'sums' in sections:
        write_sums()


if __name__ == '__main__':
    main()
