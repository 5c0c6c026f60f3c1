# title: NumPy arithmetic and dtypes
import numpy as np
a = np.array([1, 2, 3])
b = a * 2.5
print(b, b.dtype)
c = a / 2
print(c, c.dtype)
d = a // 2
print(d, d.dtype)
a += 1
print(a)
a += 1.5
f = np.zeros(3, dtype=np.float32) + 1
print(f.dtype, f)
