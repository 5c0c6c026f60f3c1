# title: Indexing and summing NumPy arrays gives NumPy scalars
import numpy as np
import torch
a = np.array([1, 2, 3])
s = a.sum()
print(s, type(s))
f = np.array([0.5, 0.25]).sum()
print(f)
e = a[0]
print(e, type(e))
a[0] = 10
print(e, a)
t = torch.tensor([1, 2, 3]).sum()
print(t, type(t))
