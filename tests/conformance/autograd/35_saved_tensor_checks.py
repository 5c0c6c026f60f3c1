# title: Only tensors saved for backward are checked
import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = a + 1
c = b * 3
b.add_(10)
c.sum().backward()
print(a.grad)
d = b * b
b.add_(1)
d.sum().backward()
print(b._version)
