# title: expand sums the gradient back
import torch
v = torch.tensor([1., 2., 3.], requires_grad=True)
u = v.unsqueeze(0)
e = u.expand(4, 3)
print(u.grad_fn, e.grad_fn)
e.sum().backward()
print(v.grad)
s = v.unsqueeze(1).squeeze(1)
print(s.grad_fn)
