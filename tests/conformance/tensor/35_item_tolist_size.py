# title: item(), tolist() and sizes
import torch
x = torch.tensor([[1.5, 2.0], [3.0, 4.25]])
print(x[1, 1].item(), x.tolist())
y = x[0, 0]
print(y, y.shape, y.dim())
y.add_(10)
print(x)
z = torch.tensor([1, 2])
z.item()
print(x.numel(), x.size(), x.size(1), x.dim())
