# title: Tensor.numpy() shares memory both ways
import numpy as np
import torch
t = torch.zeros(3)
n = t.numpy()
n[1] = 5
print(t)
t.add_(1)
print(n)
print(n.dtype, type(n))
m = np.asarray(t)
m[0] = -1
print(t)
