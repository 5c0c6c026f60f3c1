# title: flatten and reshape view when they can
import torch
x = torch.arange(8).view(2, 2, 2)
f = x.flatten()
print(f, f.data_ptr() == x.data_ptr())
r = x.reshape(4, 2)
print(r.data_ptr() == x.data_ptr())
p = x.permute(2, 1, 0)
g = p.flatten()
print(g, g.data_ptr() == x.data_ptr())
r[0, 0] = 100
print(x[0, 0])
print(x.view(-1, 4))
x.view(-1, -1)
