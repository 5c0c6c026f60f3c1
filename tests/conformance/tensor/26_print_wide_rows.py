# title: Long rows wrap at 80 columns
import torch
a = torch.arange(30.)
print(a)
b = torch.rand(3, 12)
print(b)
c = torch.arange(25) * 1000
print(c)
d = torch.arange(20.).view(2, 10) / 3
print(d)
