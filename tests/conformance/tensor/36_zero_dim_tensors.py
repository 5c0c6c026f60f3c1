# title: 0-d tensors are still views
import torch
s = torch.tensor(3.5)
print(s, s.shape, s.dim(), s.numel())
v = torch.tensor([1., 2., 3.])
e = v[1]
print(e, e.shape, e.storage_offset())
e.fill_(20)
print(v)
t = v.sum()
print(t, t.item())
print(s + v)
