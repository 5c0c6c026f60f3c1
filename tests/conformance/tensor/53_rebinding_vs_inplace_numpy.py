# title: Rebinding a tensor name cuts the link to its NumPy view
import numpy as np
import torch
a = torch.zeros(3)
b = a.numpy()
a = a + 1
print(a, b)
c = torch.zeros(3)
d = c.numpy()
c += 1
print(c, d)
e = np.array(d, copy=False)
e[0] = 7
print(c)
f = torch.from_numpy(np.array([1, 2], dtype=np.int32))
print(f, f.dtype)
