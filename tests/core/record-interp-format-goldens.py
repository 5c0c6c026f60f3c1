#!/usr/bin/python3
# record-interp-format-goldens.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes tests/core/test-interp-format-cases.h: small scenarios for
# f-strings, format specs, str.format, generator expressions, lambda and
# comprehensions, with the output real CPython 3.11 gives when each
# top-level statement runs compiled on its own (an exception is written
# "!Type: message" after the step's output, as test-interp.c does).
#
#     /usr/bin/python3 tests/core/record-interp-format-goldens.py

import ast
import io
import os
import random
import sys
import contextlib

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    ("fstring-basic",
     "n = 42\nname = 'Ada'\nprint(f'{name} {n} {n!r} {name!r} {name!s} {\"é\"!a} {n=} {name = }')\n"
     "print(f'{{}} {{{n}}} {n:>5}|{n:<5}|{n:^5}|{n:*^7}|{-n:=6}')\n"),
    ("fstring-nested-spec",
     "w = 8\np = 2\nx = 3.14159\nprint(f'[{x:{w}.{p}f}] [{x:>{w}}] [{\"s\":{\"*\"}^{w}}]')\n"),
    ("fstring-errors",
     "print(f'{[1][3]}')\nprint(f'{nope}')\nprint(f'{1:q}')\nprint(f'{\"a\":d}')\n"),
    ("fstring-identity",
     "s = 'text'\nt = f'{s}'\nu = f'{s}!'\nprint(t is s, u is s, f'' == '', f'abc')\n"),
    ("format-builtin",
     "print(format(5), format(5, 'x'), format('a', '>3'), format(None), format([1], ''))\n"
     "format(1, 2)\nformat()\nformat(1, 'x', 3)\nformat([1], 'x')\nprint(ascii('é\\n'), ascii([1, 'ü']))\n"),
    ("str-format",
     "print('{} {} {}'.format(1, 'b', 2.5), '{1}{0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2))\n"
     "print('{0[0]} {1[a]} {2.real} {:>6.2f}'.format([7], {'a': 8}, 9) if False else '{0[0]} {1[a]} {2.real}'.format([7], {'a': 8}, 9))\n"
     "print('{!r:>6}|{:{}}|{{x}}'.format('a', 5, 4))\n"
     "'{}{0}'.format(1)\n'{0}{}'.format(1, 2)\n'{}'.format()\n'{a}'.format()\n'{'.format()\n'}'.format()\n"
     "'{0!z}'.format(1)\n'{0!rx}'.format(1)\n'{0[}'.format([1])\n'{0.}'.format(1)\n'{0[0]x}'.format([1])\n'{:{:{}}}'.format(1, 2, 3)\n"),
    ("genexp-builtins",
     "a = [3, 1, 2]\nprint(sum(x * 2 for x in a), min(x for x in a), max(-x for x in a), sorted(x for x in a))\n"
     "print(list(x for x in a if x > 1), tuple(x for x in 'ab'), any(x > 2 for x in a), all(x > 2 for x in a))\n"
     "print(''.join(str(x) for x in a), list((x, y) for x in range(3) for y in range(x)))\n"),
    ("genexp-lazy",
     "def show(x):\n    print('see', x)\n    return x\n"
     "g = (show(x) for x in [1, 2, 3])\nprint('made')\nprint(next(g))\nprint(list(g))\nprint(list(g))\nnext(g)\n"
     "print(any(show(x) > 1 for x in [1, 2, 3]))\n"),
    ("genexp-errors",
     "g = (1 / x for x in [1, 0, 2])\nprint(next(g))\nnext(g)\nprint(list(g))\nsum(x for x in 3)\n"
     "h = (x for x in [1])\nprint(iter(h) is h, type(h).__name__)\n"),
    ("genexp-scope",
     "x = 'outer'\nprint(list(x for x in range(3)), x)\n"
     "def f(n):\n    return (i * n for i in range(3))\ng = f(10)\nprint(list(g))\n"
     "k = 1\ng = (k * i for i in range(3))\nk = 5\nprint(list(g))\n"),
    ("lambda",
     "f = lambda x, y=2: x * y\nprint(f(3), f(3, 4), f.__name__, f.__qualname__)\n"
     "late = [lambda: i for i in range(3)]\nprint([g() for g in late], late[0].__qualname__)\n"
     "def outer(n):\n    return lambda x: x + n\nprint(outer(1)(2), outer(1).__qualname__)\n"
     "f()\nf(1, 2, 3)\n(lambda: 0)(1)\nprint((lambda: (lambda: 5))()())\n"),
    ("qualnames",
     "def outer():\n    def inner(a):\n        return a\n    return inner\n"
     "print(outer().__qualname__, outer.__qualname__)\nouter()()\n"
     "def gen():\n    return (x for x in [1])\nprint(repr(gen()).split(' at ')[0])\n"
     "print(repr([x for x in [(lambda: 1)]][0]).split(' at ')[0], repr((lambda: (y for y in 'a'))()).split(' at ')[0])\n"),
    ("dictcomp",
     "row = [0]\ng = {k: row for k in 'ab'}\ng['a'].append(1)\nprint(g, g['a'] is g['b'])\n"
     "print({x: x * x for x in range(4) if x}, {v: k for k, v in {'a': 1}.items()}, {k: v for k, v in []})\n"
     "print({k: 1 / k for k in [1, 0]})\nprint({k: k for k in 5})\nk = 'kept'\nd = {k: 0 for k in 'xy'}\nprint(k, d)\n"),
    ("try-basic",
     "try:\n    {}['k']\nexcept KeyError as e:\n    print('caught', e, repr(e), e.args)\n"
     "try:\n    print(e)\nexcept NameError as n:\n    print(n)\n"
     "try:\n    1 / 0\nexcept (TypeError, ArithmeticError) as e:\n    print(type(e).__name__, isinstance(e, Exception))\nelse:\n    print('no')\nfinally:\n    print('fin')\n"
     "try:\n    x = 1\nexcept Exception:\n    pass\nelse:\n    print('else', x)\n"),
    ("try-raise",
     "raise ValueError('bad value')\nraise KeyError('k')\nraise IndexError\nraise 5\nraise\n"
     "raise ValueError('a') from None\nraise ValueError('a') from 3\n"
     "e = ValueError('x', 2)\nprint(e, repr(e), e.args, repr(ValueError()), str(KeyError()), KeyError(1, 2))\n"
     "try:\n    raise e\nexcept ValueError as f:\n    print(f is e)\n"
     "try:\n    pass\nexcept 3:\n    pass\n"
     "try:\n    raise ValueError\nexcept 3:\n    pass\n"
     "try:\n    raise TypeError('t')\nexcept ValueError:\n    print('no')\n"),
    ("try-flow",
     "def f(x):\n    try:\n        if x:\n            return 'try'\n        raise ValueError('v')\n    except ValueError:\n        return 'except'\n    finally:\n        print('finally', x)\n"
     "print(f(1), f(0))\n"
     "def g():\n    try:\n        return 1\n    finally:\n        return 2\nprint(g())\n"
     "def h():\n    try:\n        raise KeyError('a')\n    finally:\n        return 'swallowed'\nprint(h())\n"
     "for i in range(4):\n    try:\n        if i == 1:\n            continue\n        if i == 3:\n            break\n        print('body', i)\n    finally:\n        print('fin', i)\n"
     "out = []\ntry:\n    try:\n        int('z')\n    except ValueError:\n        out.append(1)\n        raise\n    finally:\n        out.append(2)\nexcept Exception as e:\n    out.append(str(e))\nprint(out)\n"
     "try:\n    try:\n        [][1]\n    except IndexError:\n        raise RuntimeError('wrapped')\nexcept RuntimeError as e:\n    print(e)\n"
     "def bad():\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        return e\nprint(repr(bad()))\n"),
    ("assert",
     "x = 3\nassert x == 3\nassert x > 5, f'x is {x}'\nassert x < 0\nassert (x, 1)\n"
     "try:\n    assert [], 'empty'\nexcept AssertionError as e:\n    print(repr(e), e.args)\n"
     "g = (next(iter([])) for _ in [1])\nlist(g)\n"),
]

# Format specs: every value with a fixed, seeded sample of specs.
VALUES = ['0', '7', '-255', '1234567', 'True', '0.0', '-0.0', '2.5', '-1234.5678', '1e16', '1e-05',
          '0.000123', '99.995', "float('inf')", "float('nan')", "'abc'", "'héllo'", 'None']


def make_specs(rng):
    fills = ['', '*', '0', 'é']
    aligns = ['', '<', '>', '^', '=']
    signs = ['', '+', '-', ' ']
    types = ['', 'd', 'b', 'o', 'x', 'X', 'c', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%', 's']
    specs = []
    for _ in range(40):
        sp = ''
        a = rng.choice(aligns)
        if a:
            sp += rng.choice(fills) + a
        sp += rng.choice(signs)
        if rng.random() < 0.1:
            sp += 'z'
        if rng.random() < 0.2:
            sp += '#'
        if rng.random() < 0.3:
            sp += '0'
        if rng.random() < 0.6:
            sp += str(rng.randint(0, 14))
        if rng.random() < 0.25:
            sp += rng.choice([',', '_'])
        if rng.random() < 0.5:
            sp += '.' + str(rng.randint(0, 12))
        sp += rng.choice(types)
        specs.append(sp)
    return specs


def spec_cases():
    rng = random.Random(2026)
    out = []
    for i, v in enumerate(VALUES):
        lines = ''.join('print(repr(format(%s, %r)))\n' % (v, sp) for sp in make_specs(rng))
        out.append(('spec-%02d' % i, lines))
    return out


def run(source):
    ns = {'__name__': '__main__'}
    out = io.StringIO()
    for node in ast.parse(source).body:
        code = compile(ast.Module([node], []), '<case>', 'exec')
        with contextlib.redirect_stdout(out):
            try:
                exec(code, ns)
            except Exception as e:  # noqa: BLE001 - every exception is a fact
                out.write('!%s: %s\n' % (type(e).__name__, str(e).split('\n')[0]))
    return out.getvalue()


def c_string(text):
    body = []
    for ch in text:
        if ch == '\\':
            body.append('\\\\')
        elif ch == '"':
            body.append('\\"')
        elif ch == '\n':
            body.append('\\n')
        elif ch == '\t':
            body.append('\\t')
        elif ord(ch) < 32 or ord(ch) == 127:
            body.append('\\%03o' % ord(ch))
        elif ord(ch) > 127:
            body.append(''.join('\\%03o' % b for b in ch.encode('utf-8')))
        else:
            body.append(ch)
    return '"' + ''.join(body) + '"'


def main():
    lines = ['/* test-interp-format-cases.h',
             ' *',
             ' * Copyright 2026 The Copyscope authors',
             ' * SPDX-License-Identifier: GPL-3.0-or-later',
             ' *',
             ' * Generated by record-interp-format-goldens.py from CPython %d.%d: do not edit.' % sys.version_info[:2],
             ' */',
             '',
             '#pragma once',
             '',
             'static const Case cases[] = {']
    for name, source in CASES + spec_cases():
        expected = run(source)
        lines.append('  { %s,\n    %s,\n    %s },' % (c_string(name), c_string(source), c_string(expected)))
    lines.append('};')
    with open(os.path.join(HERE, 'test-interp-format-cases.h'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
