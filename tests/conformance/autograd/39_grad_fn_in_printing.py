# title: grad_fn shows up when a tensor is printed
import torch
x = torch.tensor([1.5, -2.0], requires_grad=True)
print(x)
print(x * 2)
print((x * 2).sum())
print(x.mean())
print(x.t())
print(x.clone())
print(x.detach())
print(x[0])
print(x.view(2, 1))
