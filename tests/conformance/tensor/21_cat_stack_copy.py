# title: cat and stack copy their inputs
import torch
a = torch.tensor([1, 2])
b = torch.tensor([3, 4])
c = torch.cat([a, b])
s = torch.stack([a, b])
print(c, s)
a[0] = 100
print(c, s)
print(s.shape, torch.stack([a, b], dim=1))
torch.cat([a, torch.ones(2, 2)])
