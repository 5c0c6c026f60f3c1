# title: to() and float() return self when nothing changes
import torch
x = torch.tensor([1.0, 2.0])
y = x.to(torch.float32)
z = x.to(torch.float64)
w = x.float()
v = x.double()
print(y is x, w is x, z is x, v is x)
print(z)
i = x.long()
print(i, i.dtype)
x[0] = 9
print(y, z, w, i)
