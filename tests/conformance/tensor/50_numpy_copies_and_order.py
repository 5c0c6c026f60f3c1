# title: NumPy copies: copy.copy, deepcopy, .copy() and np.array
import copy
import numpy as np
a = np.arange(6).reshape(2, 3)
v = a[:, 1:]
c = copy.copy(v)
d = copy.deepcopy(v)
print(c.base is None, d.base is None, np.shares_memory(c, v))
print(c.strides, d.strides)
t = a.T
print(t.copy().strides, np.array(t).strides, copy.copy(t).strides)
e = np.array(t)
e[0, 0] = 99
print(a[0, 0], t.flags['C_CONTIGUOUS'], e.flags['C_CONTIGUOUS'])
