# title: np.array copies, np.asarray and view() do not
import numpy as np
a = np.arange(6)
b = np.array(a)
c = np.asarray(a)
d = a.view()
print(b is a, c is a, d is a)
a[0] = 9
print(b[0], c[0], d[0])
print(np.shares_memory(a, b), np.shares_memory(a, d))
print(d.base is a, b.base)
