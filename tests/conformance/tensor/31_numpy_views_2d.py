# title: NumPy slices and transposes are views
import numpy as np
a = np.arange(12).reshape(3, 4)
b = a[1:, ::2]
print(b)
print(b.strides, b.shape)
b[0, 0] = -1
print(a)
c = a.T
print(c.strides, c.flags['C_CONTIGUOUS'])
d = a.reshape(2, 6)
d[0, 0] = 1000
print(a[0])
print(np.shares_memory(a, d), np.shares_memory(b, c))
