# title: Broadcasting builds a bigger result
import torch
a = torch.arange(3).view(3, 1)
b = torch.arange(4)
c = a + b
print(c)
print(c.shape)
d = a * torch.tensor([1., 10.])
print(d)
e = torch.ones(2, 3) + torch.ones(3, 2)
print(torch.ones(2, 3) * torch.tensor([2., 3., 4.]))
