# title: Comparisons give bool tensors
import torch
a = torch.tensor([1, 5, 3])
b = torch.tensor([2, 5, 1])
print(a == b)
print(a > b, a <= 3)
m = a > 2
print(m.dtype, m)
print(a != b)
print(torch.equal(a, b), torch.equal(a, a.clone()))
f = torch.tensor([0.5, 5.0, 3.0])
print(a == f, f < a)
