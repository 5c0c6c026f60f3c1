# title: Reductions along a dimension
import torch
x = torch.arange(6.).view(2, 3)
print(x.sum(0), x.sum(1, keepdim=True))
print(x.mean(dim=0), x.mean(1).shape)
print(x.max(), x.min(), x.abs().sum())
s = x.sum(0)
s[0] = 100
print(x)
print(x.sum(0).shape, x.sum(dim=1, keepdim=True).shape)
