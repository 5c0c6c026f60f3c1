# title: Converting dtypes copies
import torch
x = torch.tensor([1.9, -1.9, 2.5])
l = x.long()
print(l)
i = x.int()
print(i, i.dtype)
f = l.float()
print(f)
print(l.to(torch.float64))
print(x.to(torch.int64) is x, x.to(torch.float32) is x)
l[0] = 7
print(x)
