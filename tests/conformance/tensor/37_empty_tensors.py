# title: Empty tensors and arrays
import numpy as np
import torch
e = torch.tensor([])
print(e, e.shape, e.dtype, e.numel())
z = torch.zeros(0, 3)
print(z, z.shape)
x = torch.arange(5)
s = x[5:]
print(s, s.shape)
print(x[2:2])
n = np.array([])
print(n, n.dtype, n.shape)
