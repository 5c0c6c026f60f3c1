# title: retain_grad() keeps .grad on a non-leaf
import torch
x = torch.tensor([1., 2.], requires_grad=True)
h = x * 3
h.retain_grad()
out = (h ** 2).sum()
out.backward()
print(h.grad)
print(x.grad)
print(h.retains_grad, x.retains_grad)
g = x + 1
print(g.grad)
