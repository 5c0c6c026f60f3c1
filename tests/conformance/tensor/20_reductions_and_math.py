# title: Reductions and elementwise math
import torch
x = torch.tensor([[1., -2., 3.], [4., 5., -6.]])
print(x.sum(), x.mean())
print(x.sum(0), x.sum(dim=1))
print(x.max(), x.min())
print(x.abs())
print(x.exp())
print(x.pow(2))
print(x ** 0.5)
s = x.sum()
print(s.item(), type(s.item()))
print(x.tolist())
