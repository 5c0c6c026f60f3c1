# title: Seeded random numbers repeat
import torch
torch.manual_seed(42)
a = torch.rand(2, 3)
b = torch.randn(3)
print(a)
print(b)
torch.manual_seed(42)
c = torch.rand(2, 3)
print(torch.equal(a, c))
d = torch.randn(2, 2)
print(d)
