# title: In-place methods seen through views
import torch
x = torch.arange(6.).view(2, 3)
r = x[0]
c = x[:, 1]
r.mul_(10)
print(x)
c.sub_(1)
print(x)
x.div_(2)
print(r, c)
x.zero_()
print(r)
c.copy_(torch.tensor([7., 8.]))
print(x)
