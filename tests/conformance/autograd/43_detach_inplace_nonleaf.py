# title: detach_() cuts a tensor out of the graph in place
import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
z = y.detach_()
print(z is y, y.requires_grad, y.is_leaf, y.grad_fn)
w = y * x
w.sum().backward()
print(x.grad)
print(y)
