# title: Slices with a step are strided views
import torch
x = torch.arange(10)
e = x[::2]
o = x[1::3]
print(e, e.stride())
print(o, o.storage_offset())
x[::2] = -1
print(x)
print(e)
x[::-1]
