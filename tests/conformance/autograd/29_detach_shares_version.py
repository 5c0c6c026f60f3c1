# title: detach() shares storage and version counter
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
d = x.detach()
print(d.data_ptr() == x.data_ptr(), d.requires_grad, d.grad)
d.mul_(2)
print(x)
print(x._version, d._version)
y = (x * 3).sum()
y.backward()
print(x.grad)
