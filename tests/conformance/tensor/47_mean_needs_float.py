# title: mean() needs a floating tensor
import torch
x = torch.tensor([1, 2, 3])
x.mean()
m = x.float().mean()
print(m)
print(x.sum(), x.max(), x.min())
print(torch.tensor([1., 2.]).pow(3))
print(x.abs(), (-x).abs())
