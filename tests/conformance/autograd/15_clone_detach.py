# title: clone().detach() gives an independent plain tensor
import torch
x = torch.tensor([1., 2.], requires_grad=True)
a = x.clone().detach()
b = x.detach().clone()
print(a.requires_grad, b.requires_grad, a.grad_fn)
a[0] = 100
print(x)
c = a.requires_grad_()
print(c is a, a.is_leaf, a.requires_grad)
(a * 2).sum().backward()
print(a.grad, x.grad)
