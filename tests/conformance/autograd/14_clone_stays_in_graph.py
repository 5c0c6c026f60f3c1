# title: clone() copies memory but stays in the graph
import torch
x = torch.tensor([1., 2.], requires_grad=True)
c = x.clone()
print(c.grad_fn, c.requires_grad, c.is_leaf)
c.mul_(3)
print(c.grad_fn)
c.sum().backward()
print(x.grad)
print(c.data_ptr() == x.data_ptr())
