# title: requires_grad spreads to results
import torch
a = torch.ones(2)
b = torch.ones(2, requires_grad=True)
c = a + b
print(c.requires_grad)
d = a * 2
print(d.requires_grad)
a.requires_grad_()
e = a * d
print(e.requires_grad, e.grad_fn)
i = torch.tensor([1, 2])
i.requires_grad_()
j = torch.tensor([1, 2], requires_grad=True)
