# title: A freed graph cannot be walked twice
import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = a.exp().sum()
b.backward()
print(a.grad)
b.backward()
# This graph saved no tensors, so a second pass still works.
c = (a + 1).sum()
c.backward()
c.backward()
print(a.grad)
