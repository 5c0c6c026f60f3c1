# title: from_numpy on a slice starts inside the array
import numpy as np
import torch
a = np.arange(10.)
s = a[3:7]
t = torch.from_numpy(s)
print(t, t.storage_offset())
t[0] = -3
print(a)
u = torch.from_numpy(a[::2])
print(u.stride(), u)
v = torch.from_numpy(a[::-1])
