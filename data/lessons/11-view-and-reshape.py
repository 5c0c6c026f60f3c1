# title: view() and reshape()
# summary: `.view()` always shares storage and fails on a non-contiguous tensor; `.reshape()` shares when it can and copies when it must.

# We use PyTorch.
import torch
# `x` holds 0 to 5 as floats.
x = torch.arange(6.)
# `.view()` reinterprets the same storage as 2×3.
v = x.view(2, 3)
# Same data pointer: nothing was copied.
print(v, v.data_ptr() == x.data_ptr())
# `t` is the transpose of `v`: a non-contiguous view.
t = v.t()
# Check its layout.
print(t.is_contiguous(), t.stride())
# `.reshape()` copies when a view is impossible, as here.
r = t.reshape(6)
# New storage: the data pointer differs.
print(r, r.data_ptr() == x.data_ptr())
# Write through the view `v`.
v[0, 0] = 100
# `x` sees it.
print(x)
# The reshaped copy `r` does not.
print(r)
# `.view()` cannot flatten `t` without copying, so it raises a RuntimeError.
f = t.view(6)
