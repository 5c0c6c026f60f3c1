# title: Index out of range in PyTorch and NumPy
import numpy as np
import torch
x = torch.tensor([1, 2, 3])
x[5]
a = np.array([1, 2, 3])
a[5]
m = torch.zeros(2, 3)
m[0, 3]
m[2]
print(x[-1], a[-1])
x[-4]
