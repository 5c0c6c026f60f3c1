# title: astype copies unless told not to
import numpy as np
a = np.array([1.7, -2.2, 3.5])
b = a.astype(np.int64)
c = a.astype(np.float64)
d = a.astype(np.float64, copy=False)
print(b)
print(c is a, d is a)
b[0] = 0
print(a)
e = a.astype(np.float32)
print(e, e.dtype)
