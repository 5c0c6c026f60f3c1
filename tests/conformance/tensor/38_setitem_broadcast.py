# title: Assigning into slices broadcasts
import numpy as np
import torch
x = torch.zeros(3, 4)
x[1] = 5
x[:, 0] = torch.tensor([1., 2., 3.])
print(x)
x[0:2, 2:] = torch.tensor([9., 8.])
print(x)
a = np.zeros((2, 3), dtype=np.int64)
a[:, 1] = [7, 8]
a[1] = 4
print(a)
x[0] = torch.tensor([1., 2.])
