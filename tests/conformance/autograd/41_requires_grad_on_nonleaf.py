# title: Only leaves can change requires_grad
import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.requires_grad_(False)
d = y.detach()
d.requires_grad_()
print(d.is_leaf, d.requires_grad, y.requires_grad)
x.requires_grad_(False)
print(x.requires_grad, y.requires_grad, y.grad_fn)
z = x * 2
print(z.requires_grad, z.grad_fn)
