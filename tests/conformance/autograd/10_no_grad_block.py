# title: No graph is built inside torch.no_grad()
import torch
x = torch.ones(3, requires_grad=True)
with torch.no_grad():
    y = x * 2
    x.add_(1)
print(y.requires_grad, y.grad_fn)
print(x)
z = x * 2
print(z.requires_grad)
with torch.no_grad():
    with torch.enable_grad():
        w = x * 2
print(w.requires_grad, w.grad_fn)
print(torch.is_grad_enabled())
