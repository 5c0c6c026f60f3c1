# title: dtypes are objects too
import numpy as np
import torch
x = torch.zeros(2)
dt = x.dtype
print(dt, dt == torch.float32)
a = np.zeros(2)
print(a.dtype, a.dtype == np.float64)
arr = np.ones(3, dtype=np.float32)
print(arr, arr.dtype)
print(torch.ones(2, dtype=torch.int32).dtype)
