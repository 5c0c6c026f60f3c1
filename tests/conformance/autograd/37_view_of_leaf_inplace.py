# title: A view of a leaf cannot be written either
import torch
x = torch.zeros(3, requires_grad=True)
v = x[1:]
print(v.grad_fn, v.is_leaf, v.requires_grad)
v.add_(1)
v[0] = 1
y = v * 2
y.sum().backward()
print(x.grad)
