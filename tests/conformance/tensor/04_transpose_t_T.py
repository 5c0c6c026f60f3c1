# title: t(), .T and transpose(0, 1) are the same view
import torch
m = torch.tensor([[1, 2, 3], [4, 5, 6]])
a = m.t()
b = m.T
c = m.transpose(0, 1)
print(a)
print(a.stride(), b.stride(), c.stride())
c[2, 1] = 60
print(m)
print(a.is_contiguous(), m.is_contiguous())
print(torch.equal(a, b))
