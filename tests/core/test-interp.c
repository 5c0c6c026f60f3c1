/* test-interp.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Interpreter semantics, statement by statement.  The expected texts were
 * recorded with CPython 3.11 running each top-level statement compiled on
 * its own (as the facts recorder does); an exception is written as
 * "!Type: message" after the step's output.
 */

#include "config.h"

#include "cs-parser.h"
#include "cs-output-case.h"
#include "cs-trace.h"

/* The generated case tables name the type this way. */
typedef CsOutputCase Case;

static const Case cases[] = {
  { "chained",
    "a = b = [1]\nb.append(2)\nprint(a, a is b)\n",
    "[1, 2] True\n" },
  { "unpack",
    "x, y = 1, 2\nx, y = y, x\nprint(x, y)\np, q = 1, 2, 3\np, q, r = 1, 2\np, q = 5\n",
    "2 1\n!ValueError: too many values to unpack (expected 2)\n!ValueError: not enough values to unpack (expected 3, got 2)\n!TypeError: cannot unpack non-iterable int object\n" },
  { "augassign",
    "l = [1]\nm = l\nl += [2]\nprint(m)\ni = 1\nj = i\ni += 1\nprint(i, j)\nt = (1,)\ns = t\nt += (2,)\nprint(s, t)\n",
    "[1, 2]\n2 1\n(1,) (1, 2)\n" },
  { "repetition",
    "a = [[0] * 2] * 2\na[0][0] = 1\nprint(a)\nb = [[0] * 2 for _ in range(2)]\nb[0][0] = 1\nprint(b)\n",
    "[[1, 0], [1, 0]]\n[[1, 0], [0, 0]]\n" },
  { "slices",
    "l = list(range(8))\nprint(l[1:3], l[-2:], l[::-2], l[5:1:-1], l[10:])\nl[1:3] = 'ab'\nprint(l)\ndel l[::3]\nprint(l)\nl[::2] = [0]\n",
    "[1, 2] [6, 7] [7, 5, 3, 1] [5, 4, 3, 2] []\n[0, 'a', 'b', 3, 4, 5, 6, 7]\n['a', 'b', 4, 5, 7]\n!ValueError: attempt to assign sequence of size 1 to extended slice of size 3\n" },
  { "subscript-errors",
    "l = [1]\nl[5]\nl[5] = 0\nl['a']\n(1,)[1] = 2\n'ab'[9]\n{}['k']\n{}[(1, 'a')]\n",
    "!IndexError: list index out of range\n!IndexError: list assignment index out of range\n!TypeError: list indices must be integers or slices, not str\n!TypeError: 'tuple' object does not support item assignment\n!IndexError: string index out of range\n!KeyError: 'k'\n!KeyError: (1, 'a')\n" },
  { "arith",
    "print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** -2, 10 / 4, 3 * 1.5)\nprint(1 / 0)\nprint(1 // 0)\nprint(1 % 0)\nprint(1.0 / 0)\n",
    "3 -4 -2 2 3.0 0.5 0.25 2.5 4.5\n!ZeroDivisionError: division by zero\n!ZeroDivisionError: integer division or modulo by zero\n!ZeroDivisionError: integer modulo by zero\n!ZeroDivisionError: float division by zero\n" },
  { "floats",
    "print(0.1 + 0.2, 1e16, 1e15, 1e-5, 0.0001, -0.0, 2.0, 1 / 3, 123.456)\n",
    "0.30000000000000004 1e+16 1000000000000000.0 1e-05 0.0001 -0.0 2.0 0.3333333333333333 123.456\n" },
  { "type-errors",
    "[1] + 1\n1 + 'a'\n'a' + 1\n[1] * 'a'\n1 < 'a'\nlen(5)\nNone.x\n[].foo\n5()\n",
    "!TypeError: can only concatenate list (not \"int\") to list\n!TypeError: unsupported operand type(s) for +: 'int' and 'str'\n!TypeError: can only concatenate str (not \"int\") to str\n!TypeError: can't multiply sequence by non-int of type 'str'\n!TypeError: '<' not supported between instances of 'int' and 'str'\n!TypeError: object of type 'int' has no len()\n!AttributeError: 'NoneType' object has no attribute 'x'\n!AttributeError: 'list' object has no attribute 'foo'\n!TypeError: 'int' object is not callable\n" },
  { "compare",
    "print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, [1, 2] < [1, 3], (1, 2) < (1,), 'b' > 'a', 2 in [1, 2], 'a' not in 'bcd')\n",
    "True False True True False True True True\n" },
  { "boolops",
    "print(1 and 2, 0 and 2, 0 or [], '' or 'x', not [], None or 0)\n",
    "2 0 [] x True 0\n" },
  { "defaults",
    "def g(x, acc=[]):\n    acc.append(x)\n    return acc\nprint(g(1), g(2))\nprint(g(3) is g(4))\n",
    "[1, 2] [1, 2]\nTrue\n" },
  { "call-errors",
    "def f(a, b):\n    return a\nf(1)\nf(1, 2, 3)\nf(1, c=2)\nf(1, a=2)\ndef h(a, b, c):\n    pass\nh()\n",
    "!TypeError: f() missing 1 required positional argument: 'b'\n!TypeError: f() takes 2 positional arguments but 3 were given\n!TypeError: f() got an unexpected keyword argument 'c'\n!TypeError: f() got multiple values for argument 'a'\n!TypeError: h() missing 3 required positional arguments: 'a', 'b', and 'c'\n" },
  { "scopes",
    "x = 'global'\ndef f():\n    print(x)\n    x = 1\nf()\ndef g():\n    global y\n    y = 2\ng()\nprint(y)\nz = [i for i in range(3)]\nprint(i)\n",
    "!UnboundLocalError: cannot access local variable 'x' where it is not associated with a value\n2\n!NameError: name 'i' is not defined\n" },
  { "recursion",
    "def r(n):\n    return r(n + 1)\nr(0)\ndef fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\nprint(fact(20))\n",
    "!RecursionError: maximum recursion depth exceeded\n2432902008176640000\n" },
  { "loops",
    "t = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    if i > 6:\n        break\n    t += i\nelse:\n    t = -1\nprint(t)\nn = 0\nwhile n < 3:\n    n += 1\nelse:\n    print('else', n)\n",
    "12\nelse 3\n" },
  { "list-methods",
    "a = [3, 1, 2]\na.append(4)\na.extend((5,))\na.insert(0, 9)\nprint(a, a.pop(), a.pop(0), a.index(2), a.count(1))\na.sort()\nprint(a)\na.remove(1)\na.reverse()\nprint(a, a.copy() == a, a.copy() is a)\na.clear()\nprint(a)\na.index(7)\na.pop()\n",
    "[3, 1, 2, 4] 5 9 2 1\n[1, 2, 3, 4]\n[4, 3, 2] True False\n[]\n!ValueError: 7 is not in list\n!IndexError: pop from empty list\n" },
  { "dict-methods",
    "d = {'a': 1}\nd['b'] = 2\nd.update({'a': 3}, )\nprint(d, d.get('z'), d.get('z', 0), list(d.keys()), list(d.values()), list(d.items()))\nprint(d.pop('a'), d, d.copy() == d)\nprint({1: 'x', 1.0: 'y', True: 'z'})\ndel d['q']\n",
    "{'a': 3, 'b': 2} None 0 ['a', 'b'] [3, 2] [('a', 3), ('b', 2)]\n3 {'b': 2} True\n{1: 'z'}\n!KeyError: 'q'\n" },
  { "builtins",
    "print(len('h\303\251'), abs(-2), min(3, 1), max([2, 5]), sum([1, 2.5]), sorted([3, 1, 2]), int('12'), int(-2.7), float('1e3'), str(1.5), repr('a'), hex(255), hex(-255))\nprint(type(1), type([]), type(None), type(len), isinstance(True, int), isinstance(1, (str, float)))\nint('x')\nfloat('y')\nmin([])\n",
    "2 2 1 5 3.5 [1, 2, 3] 12 -2 1000.0 1.5 'a' 0xff -0xff\n<class 'int'> <class 'list'> <class 'NoneType'> <class 'builtin_function_or_method'> True False\n!ValueError: invalid literal for int() with base 10: 'x'\n!ValueError: could not convert string to float: 'y'\n!ValueError: min() arg is an empty sequence\n" },
  { "print-args",
    "print(1, 2, sep='-', end='!\\n')\nprint('a', 'b', sep='')\nprint()\nprint(1, sep=5)\n",
    "1-2!\nab\n\n!TypeError: sep must be None or a string, not int\n" },
  { "str-repr",
    "print(repr(\"it's\"), repr('say \"hi\"'), repr('a\\tb\\n'), ['x', 'y\\'z'], ('t',), {'k': (1,)})\n",
    "\"it's\" 'say \"hi\"' 'a\\tb\\n' ['x', \"y'z\"] ('t',) {'k': (1,)}\n" },
  { "cycles",
    "a = [1]\na.append(a)\nprint(a)\nd = {}\nd['d'] = d\nprint(d)\nb = [a, a]\nprint(b)\n",
    "[1, [...]]\n{'d': {...}}\n[[1, [...]], [1, [...]]]\n" },
  { "identity",
    "a = 1000\nb = 1000\nprint(a is b)\nc, d = 1000, 1000\nprint(c is d)\ne = 'name'\nf = 'name'\nprint(e is f)\ng = 'two words'\nh = 'two words'\nprint(g is h, g == h)\n",
    "False\nTrue\nTrue\nFalse True\n" },
  { "deepcopy",
    "import copy\ninner = [1]\nouter = [inner, inner, (inner,)]\nd = copy.deepcopy(outer)\nprint(d[0] is d[1], d[2][0] is d[0], d[0] is inner)\nt = (1, 'x')\nprint(copy.deepcopy(t) is t, copy.copy([t])[0] is t)\na = [1]\na.append(a)\nb = copy.deepcopy(a)\nprint(b, b[1] is b)\n",
    "True True False\nTrue True\n[1, [...]] True\n" },
  { "imports",
    "import math\nprint(math.sqrt(9), math.floor(-1.5))\nfrom copy import deepcopy as dc\nprint(dc([1]))\nfrom copy import nothing\nimport not_a_module\n",
    "3.0 -2\n[1]\n!ImportError: cannot import name 'nothing' from 'copy' (/usr/lib/python3.11/copy.py)\n!ModuleNotFoundError: No module named 'not_a_module'\n" },
  { "del",
    "x = 1\ndel x\nprint(x)\ndel y\nl = [1, 2, 3]\ndel l[0], l[0]\nprint(l)\n",
    "!NameError: name 'x' is not defined\n!NameError: name 'y' is not defined\n[3]\n" },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/interp/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], cs_output_case_check);
    }
  return g_test_run ();
}
