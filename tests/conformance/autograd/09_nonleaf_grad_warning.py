# title: Reading .grad of a non-leaf warns every time
import torch
x = torch.ones(2, requires_grad=True)
y = x * 2
y.sum().backward()
print(y.grad)
print(y.grad, y.grad)
z = y.detach()
print(z.grad, z.is_leaf)
print(x.grad)
