# title: Which tensors are leaves and which track gradients
import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = torch.tensor([3., 4.])
print(x.is_leaf, y.is_leaf, x.requires_grad, y.requires_grad)
# An operation on a tensor that requires grad makes a non-leaf.
z = x + y
print(z.is_leaf, z.requires_grad)
print(z)
print(z.grad_fn)
print(x.grad_fn, x.grad)
w = y * 2
print(w.requires_grad, w.grad_fn)
