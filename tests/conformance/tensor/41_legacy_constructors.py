# title: torch.Tensor, FloatTensor, LongTensor and torch.tensor
import torch
a = torch.Tensor([1, 2])
b = torch.FloatTensor([1, 2])
c = torch.LongTensor([1, 2])
d = torch.tensor([1, 2])
print(a, b, c, d)
print(a.dtype, b.dtype, c.dtype, d.dtype)
f = torch.zeros(2, 3)
g = torch.ones(2, dtype=torch.int64)
print(f, g)
h = torch.tensor(f)
print(h.data_ptr() == f.data_ptr())
