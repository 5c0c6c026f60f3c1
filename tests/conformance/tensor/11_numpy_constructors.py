# title: Which constructors share the NumPy array
import numpy as np
import torch
arr = np.array([1, 2, 3])
t1 = torch.tensor(arr)
t2 = torch.from_numpy(arr)
t3 = torch.as_tensor(arr)
t4 = torch.Tensor(arr)
t5 = torch.as_tensor(arr, dtype=torch.float32)
arr[0] = 100
print(t1, t2, t3)
print(t4, t5)
print(t1.dtype, t2.dtype, t4.dtype, t5.dtype)
