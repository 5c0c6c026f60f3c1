# title: Backward through view, transpose and slice
import torch
x = torch.arange(12., requires_grad=True)
y = x * 1
v = y.view(3, 4)
t = v.t()
s = t[1:3]
out = (s * s).sum()
out.backward()
print(x.grad.view(3, 4))
print(s.grad_fn)
print(s.grad_fn.next_functions)
