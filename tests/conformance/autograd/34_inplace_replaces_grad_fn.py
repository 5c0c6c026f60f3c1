# title: An in-place op on a non-leaf replaces its grad_fn
import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
print(b.grad_fn)
b.add_(1)
print(b.grad_fn)
print(b.grad_fn.next_functions)
b.exp_()
print(b.grad_fn, b._version)
b.sum().backward()
print(a.grad)
