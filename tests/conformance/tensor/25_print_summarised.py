# title: Big tensors are summarised with ...
import torch
x = torch.arange(2000)
print(x)
y = x.view(40, 50).float()
print(y)
z = torch.arange(1001.)
print(z[:1000].shape)
print(z)
print(z[:1000])
