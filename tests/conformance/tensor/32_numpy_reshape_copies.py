# title: NumPy reshape copies when it must
import numpy as np
a = np.arange(6).reshape(2, 3)
t = a.T
r = t.reshape(6)
print(r)
print(np.shares_memory(t, r))
r[0] = 50
print(a)
f = a.reshape(3, 2)
f[0, 0] = 60
print(a)
print(f.base is a, r.base is t)
