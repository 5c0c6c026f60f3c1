# title: Writing into a view of a graph tensor gives CopySlices
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * 1
v = y[1:]
v.mul_(10)
print(y.grad_fn, v.grad_fn)
print(y)
y.sum().backward()
print(x.grad)
