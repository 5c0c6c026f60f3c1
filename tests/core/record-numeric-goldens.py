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
    return ' '.join(str(int(v)) for v in vals)


# ---- random ----------------------------------------------------------------
#
# Format (one case = one fresh generator):
#   case torch SEED            or   case numpy SEED
#   OP ARGS...                 the call made
#   = VALUES                   its result (hex bits of floats, decimal ints)
#   end

TORCH_DT = {'float32': torch.float32, 'float64': torch.float64,
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
    raise ValueError(op)


def numpy_op(op, args):
    if op == 'rand':
        return np.random.rand(int(args[0]))
    if op == 'randn':
        return np.random.randn(int(args[0]))
    if op == 'randint':
        lo, hi, n = args
        return np.random.randint(int(lo), int(hi), size=int(n))
    raise ValueError(op)


def random_cases():
    cases = []
    seeds = [0, 1, 3, 42, 2024, 123456789, 4294967295, 2**40 + 7]
    for s in seeds:
        cases.append(('torch', s, [('rand', ['float32', '40']), ('rand', ['float64', '7'])]))
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
                                   ('randperm', ['10']), ('randperm', ['33']),
                                   ('rand', ['float32', '1'])]))
    for s in [0, 1, 3, 42, 4294967295]:
        cases.append(('numpy', s, [('rand', ['10']), ('randn', ['7']), ('randn', ['1']),
                                   ('rand', ['1']), ('randn', ['1']), ('randn', ['2'])]))
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


def main():
    os.makedirs(OUT, exist_ok=True)
    sections = sys.argv[1:] or ['random', 'pyfloat']
    if 'random' in sections:
        write_random()
    if 'pyfloat' in sections:
        write_pyfloat()


if __name__ == '__main__':
    main()
