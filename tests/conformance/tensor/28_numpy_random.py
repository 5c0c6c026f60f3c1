# title: NumPy's seeded generator, shared into a tensor
import numpy as np
import torch
np.random.seed(1)
a = np.random.rand(3)
print(a)
np.random.seed(1)
b = np.random.rand(2, 2)
print(b)
print(a[0] == b[0, 0])
t = torch.from_numpy(b)
print(t)
t[0, 0] = 0.5
print(b[0])
