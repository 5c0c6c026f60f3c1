# title: After backward, writing through a detached tensor is allowed
import torch
x = torch.tensor([1., 2.], requires_grad=True)
d = x.detach()
y = (x * x).sum()
y.backward()
print(x.grad)
d[0] = 10
print(x)
print(x._version)
y2 = (x * x).sum()
y2.backward()
print(x.grad)
