# title: Results made before requires_grad_() stay outside the graph
import torch
x = torch.tensor([1., 2.])
y = x * 2
x.requires_grad_()
z = x * 2
print(y.requires_grad, z.requires_grad)
y.sum().backward()
z.sum().backward()
print(x.grad)
