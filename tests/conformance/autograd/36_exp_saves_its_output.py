# title: exp() saves its result, so changing the result breaks backward
import torch
x = torch.tensor([0., 1.], requires_grad=True)
y = x.exp()
z = y * 2
y.add_(1)
print(y.grad_fn, y._version)
z.sum().backward()
print(x.grad)
