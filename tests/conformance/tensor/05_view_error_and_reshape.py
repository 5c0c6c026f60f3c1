# title: view refuses a transposed tensor, reshape copies
import torch
x = torch.arange(6).view(2, 3)
xt = x.t()
xt.view(6)
r = xt.reshape(6)
print(r)
r[0] = 100
print(x)
f = xt.contiguous().view(6)
print(f.data_ptr() == xt.data_ptr())
y = x.view(3, 2)
y[0, 0] = -5
print(x)
x.view(4)
