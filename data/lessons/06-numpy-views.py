# title: NumPy views and copies
# summary: Basic slices and `.reshape()` give views on the same buffer; `.copy()` gives a new buffer.

# We need NumPy.
import numpy as np
# `a` owns a buffer of six integers.
a = np.arange(6)
# A basic slice is a view: no numbers are copied.
v = a[1:4]
# `.copy()` puts the same numbers into a new buffer.
c = a[1:4].copy()
# `.reshape()` of a contiguous array is a view too.
r = a.reshape(2, 3)
# Ask NumPy which arrays share memory with `a`.
print(np.shares_memory(a, v), np.shares_memory(a, c), np.shares_memory(a, r))
# Write through the view `v`.
v[0] = 100
# `a` sees the write.
print(a)
# So does `r`, the other view.
print(r)
# The copy `c` does not.
print(c)
# A view remembers its base array; a copy has none.
print(v.base is a, c.base is None)
