# title: set_grad_enabled switches recording off and on
import torch
x = torch.tensor([1., 2.], requires_grad=True)
with torch.set_grad_enabled(False):
    y = x * 2
print(y.requires_grad)
with torch.set_grad_enabled(True):
    z = x * 2
print(z.grad_fn)
u = y + z
print(u.requires_grad, u.grad_fn.next_functions)
