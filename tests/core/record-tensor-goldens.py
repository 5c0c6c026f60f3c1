#!/usr/bin/python3
# record-tensor-goldens.py
#
# Copyright 2026 The Copyscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the scripted cases of test-numpy.c and test-torch.c in real NumPy 1.24
# and PyTorch 1.13 (Debian python3-numpy, python3-torch) and writes their
# expected output to tests/core/goldens/tensor-cases.h.  Each top-level
# statement is compiled and run on its own, as the facts recorder does; an
# exception is written as "!Type: first line of the message".
#
#   /usr/bin/python3 tests/core/record-tensor-goldens.py

import ast
import io
import os
import sys
import contextlib
import warnings

NUMPY_CASES = [
    ("views-share", "import numpy as np\na = np.arange(12).reshape(3, 4)\ns = a[1:, ::2]\nt = a.T\nc = a.copy()\nprint(np.shares_memory(a, s), np.shares_memory(a, t), np.shares_memory(a, c))\ns[0, 0] = -1\nt[3, 2] = 100\nprint(a)\nprint(a.strides, t.strides, s.strides, s.base is a.base)\n"),
    ("reshape-copy", "import numpy as np\na = np.arange(6).reshape(2, 3)\nf = a.T.reshape(6)\nprint(np.shares_memory(a, f), f)\nv = a.reshape(3, 2)\nprint(np.shares_memory(a, v), v.strides)\na.reshape(4)\n"),
    ("promotion", "import numpy as np\nh = np.array([1.5, 2.5], dtype=np.float32)\nprint((h + 1).dtype, (h * 2.0).dtype, (h + np.array([1.0])).dtype)\ni8 = np.array([1, 2], dtype=np.int8)\nprint((i8 + 1).dtype, (i8 + 300).dtype, (i8 / 2).dtype, (i8 + 1.5).dtype)\nprint(type(np.float32(1) * 2).__name__, type(np.int64(3) / 2).__name__)\n"),
    ("arith", "import numpy as np\na = np.array([[1, -2], [3, 4]])\nprint(a * 2.5, a // 3, a % 3, -a, a ** 2, a / 2)\nprint(a > 1, (a > 1).sum(), a.sum(axis=0), a.mean(), a.max(axis=1), a.argmax())\nprint(np.array([True, False]) + np.array([True, True]))\nnp.array([True]) - np.array([False])\nnp.arange(3) + np.arange(4)\n"),
    ("inplace", "import numpy as np\na = np.arange(4)\nb = a\na += 1\nprint(a is b, b)\na = a + 1\nprint(a is b, a, b)\nc = np.zeros(3, dtype=np.int64)\nc += 1.5\nf = np.ones(2)\nf *= 3\nprint(f)\n"),
    ("setitem", "import numpy as np\nx = np.arange(6.).reshape(2, 3)\nx[0] = [7, 8, 9]\nx[:, 1] = -1\nx[1, 2] = 0.5\nprint(x)\nx[x > 5] = 0\nprint(x, x[[1, 0]], x[x < 1])\nx[0] = [1, 2]\n"),
    ("scalars", "import numpy as np\na = np.array([1, 2, 3])\ns = a.sum()\nprint(s, repr(s), type(s).__name__, s + 1, s * 0.5)\ne = a[0]\na[0] = 10\nprint(e, a[0], type(a[0]).__name__, np.float32(0.1), np.float64(1e16), np.bool_(True))\nprint(a.dtype, repr(a.dtype), a.dtype == np.int64, a.dtype == 'int64')\n"),
    ("printing", "import numpy as np\nprint(np.array([0.1, 0.25, 1e-8]), np.array([1e20, 1.0]), np.array([[1.123456789, 2.0], [3.0, 4.0]]))\nprint(np.array([1, -2, 300]), np.array([True, False]), np.array([]), np.array(5))\nprint(repr(np.arange(3.0)), repr(np.array([1, 2], dtype=np.int32)), repr(np.zeros((2, 2), dtype=bool)))\nprint(np.arange(1100))\n"),
    ("flags", "import numpy as np\na = np.arange(6).reshape(2, 3)\nprint(a.flags['C_CONTIGUOUS'], a.T.flags['C_CONTIGUOUS'], a.T.flags['F_CONTIGUOUS'], a[:, ::2].flags['C_CONTIGUOUS'])\nprint(np.array(a.T).strides, a.T.copy().strides, a.T.astype(np.float32).strides, (a.T * 2).strides)\n"),
    ("random", "import numpy as np\nnp.random.seed(1)\nprint(np.random.rand(3))\nprint(np.random.randn(2, 2))\nnp.random.seed(0)\nprint(np.random.rand(2))\n"),
    ("float-sums", "import numpy as np\nnp.random.seed(3)\na = np.random.randn(1000)\nprint(a.sum(), a.mean(), a[::3].sum())\nb = np.random.rand(40, 30).astype(np.float32)\nprint(b.sum(), b.sum(axis=1)[:3], b.sum(axis=0)[:3], b.T.sum())\nprint((np.arange(10) * 0.1).sum(), np.arange(100).mean())\n"),
    ("errors", "import numpy as np\na = np.arange(6).reshape(2, 3)\na[5]\na['x']\nbool(a)\nint(a)\nlen(np.array(3))\n-np.array([True])\n"),
]

TORCH_CASES = [
    ("alias-and-rebind", "import torch\na = torch.rand(4)\nb = a\na[2] = 5\nprint(a, b, a is b)\na = torch.rand(4)\nprint(a, b)\n"),
    ("constructors", "import numpy as np\nimport torch\nn = np.array([1, 2, 3])\na = torch.Tensor(n)\nb = torch.tensor(n)\nc = torch.from_numpy(n)\nd = torch.as_tensor(n)\nn[0] = 9\nprint(a, b, c, d)\nprint(a.dtype, b.dtype, torch.tensor([1.0, 2]).dtype, torch.tensor([True]).dtype)\nprint(torch.as_tensor(n, dtype=torch.float32), torch.LongTensor([1.7, 2]))\n"),
    ("transpose-write", "import torch\ntorch.manual_seed(0)\nx = torch.randn(3, 2)\ny = torch.transpose(x, 0, 1)\ny[0, 0] = 12\nprint(x)\nz = x.t().contiguous()\nz[0, 1] = -1\nprint(x, z.is_contiguous(), z.stride())\n"),
    ("views", "import torch\nx = torch.arange(12)\nv = x.view(3, 4)\nr = x.reshape(4, 3)\nprint(v.stride(), r.stride(), v.data_ptr() == x.data_ptr())\nrow = v[1]\ncol = v[:, 2]\nprint(row.storage_offset(), col.storage_offset(), col.stride(), col.is_contiguous())\nn = v.narrow(1, 1, 2)\nprint(n.stride(), n.storage_offset())\nprint(v.t().stride(), v.T.shape, v.permute(1, 0).stride(), v.unsqueeze(1).stride(), v[None].shape)\nprint(torch.ones(3, 1).expand(3, 4).stride(), v.flatten().data_ptr() == x.data_ptr())\nv.t().view(12)\nx.view(5)\n"),
    ("clone-strides", "import torch\nx = torch.arange(6.).view(2, 3)\nt = x.t()\nprint(t.clone().stride(), (t * 2).stride(), t.double().stride(), t.contiguous().stride(), (torch.ones(3, 2) + t).stride())\nprint(x.float() is x, x.to(torch.float32) is x, x.contiguous() is x)\n"),
    ("promotion", "import torch\ni = torch.tensor([1, 2])\nf = torch.tensor([1.5, 2.5])\nprint((i + 1.5).dtype, (i / 2).dtype, (i * torch.tensor(2.5)).dtype, (f + torch.tensor([1, 2], dtype=torch.float64)).dtype)\nprint((torch.tensor([1], dtype=torch.int32) + 1).dtype, (torch.tensor([1], dtype=torch.uint8) + 300), (f > 2).dtype)\nprint(torch.tensor([1, 2]) / 2, i // 2, i % 2, 2 / f, 2 - f, 2 ** f)\ni.add_(1.5)\n"),
    ("inplace", "import torch\nx = torch.ones(3)\ny = x\nx.add_(2)\nx.mul_(torch.tensor([1., 2., 3.]))\nx += 1\nprint(x is y, y)\nx = x + 1\nprint(x is y, x, y)\ny.zero_()\ny.fill_(4)\nprint(y)\ntorch.ones(1).expand(3).mul_(2)\n"),
    ("reductions", "import torch\nx = torch.arange(6.).view(2, 3)\nprint(x.sum(), x.sum(0), x.sum(1, keepdim=True), x.mean(), x.max(), x.min(), x.abs().exp())\nprint(x.max(dim=1))\nprint(torch.tensor([1, 2]).sum().dtype)\ntorch.tensor([1, 2]).mean()\n"),
    ("printing", "import torch\nprint(torch.tensor([[0.5, 1e-3], [123.456, -7.0]]), torch.tensor([1.0e-5, 2.0e5]))\nprint(torch.tensor([[1, -22, 333], [4, 5, 6]]), torch.tensor([1.5], dtype=torch.float64), torch.tensor([]))\nprint(torch.tensor(5), torch.tensor(2.5), torch.zeros(0, 3), torch.tensor([True, False]))\nprint(torch.arange(1500.))\n"),
    ("seeds", "import torch\nfor s in [0, 1, 3, 42, 12345]:\n    torch.manual_seed(s)\n    print(torch.rand(3), torch.randn(3))\ntorch.manual_seed(7)\nprint(torch.randn(20))\n"),
    ("indexing", "import torch\nz = torch.arange(12).view(3, 4)\nprint(z[1:, ::2], z[..., 0], z[-1, -1], z[z % 2 == 0], z[[0, 2]])\nz[z > 9] = 0\nz[0, :2] = torch.tensor([7, 8])\nprint(z, len(z), z.size(1), z.shape, z.tolist())\nz[5]\nz[0, 0, 0]\nz['a']\n"),
    ("numpy-sharing", "import torch\nx = torch.tensor([1.5, 2.5])\nn = x.numpy()\nn[0] = -7\nprint(x, n.dtype)\nx.requires_grad_()\nx.numpy()\n"),
    ("float-sums", "import torch\ntorch.manual_seed(5)\nx = torch.randn(1000)\nprint(x.sum().item(), x.mean().item(), x[::3].sum().item())\ny = torch.randn(37, 13)\nprint(y.t().sum().item(), y.sum(1)[:2].tolist(), y.sum(0)[:3].tolist())\nc = torch.randn(4, 5, 6)\nprint(c.sum(1)[0].tolist(), c.sum(0)[0, :3].tolist())\nprint(torch.tensor([4.0, 1.0, -2.5]).exp())\n"),
    ("storage", "import torch\nx = torch.tensor([1., 2., 3.5])\ns = x.storage()\nprint(s)\nprint(s.size(), s.nbytes(), x[1:].storage().data_ptr() == x.data_ptr(), x[1:].data_ptr() - x.data_ptr())\nw = torch.ones(2, requires_grad=True)\nw.data = torch.zeros(3)\nprint(w)\n"),
    ("errors", "import torch\nx = torch.ones(2, 3)\nx + torch.ones(4)\nx.transpose(0, 3)\nx.item()\nbool(x)\nlen(torch.tensor(3))\ntorch.cat([x, torch.ones(3)])\ntorch.stack([x, torch.ones(3)])\n-torch.tensor([True])\ntorch.tensor([[1, 2], [3]])\n"),
]


def run_case(source):
    tree = ast.parse(source)
    ns = {"__name__": "__main__"}
    out = io.StringIO()
    import numpy as np
    import torch
    torch.manual_seed(0)
    np.random.seed(0)
    for node in tree.body:
        mod = ast.Module(body=[node], type_ignores=[])
        code = compile(mod, "t.py", "exec")
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(code, ns)
        except Exception as e:
            out.write(buf.getvalue())
            msg = str(e).split("\n")[0]
            out.write("!%s: %s\n" % (type(e).__name__, msg))
            continue
        out.write(buf.getvalue())
    return out.getvalue()


def c_string(text):
    s = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n\"\n    \"")
    return "\"" + s + "\""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = ["/* tensor-cases.h: generated by record-tensor-goldens.py from real NumPy 1.24",
             " * and PyTorch 1.13 runs; do not edit. */", ""]
    for name, cases in (("numpy_cases", NUMPY_CASES), ("torch_cases", TORCH_CASES)):
        lines.append("static const TensorCase %s[] = {" % name)
        for cname, src in cases:
            expected = run_case(src)
            lines.append("  { \"%s\",\n    %s,\n    %s }," % (cname, c_string(src), c_string(expected)))
        lines.append("};")
        lines.append("")
    with open(os.path.join(here, "goldens", "tensor-cases.h"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
