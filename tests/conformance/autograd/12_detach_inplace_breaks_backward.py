# title: Writing through a detached tensor can break backward
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x.exp()
d = y.detach()
# d shares y's storage and its version counter.
d.zero_()
print(y)
print(y._version, d._version)
y.sum().backward()
print(x.grad)
