# title: .grad is a plain tensor without history
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = (x * x).mean()
y.backward()
g = x.grad
print(g, g.requires_grad, g.is_leaf, g.grad_fn)
g.mul_(2)
print(x.grad)
print(y.item(), y)
(x * 1).sum().backward()
print(x.grad is g, g)
