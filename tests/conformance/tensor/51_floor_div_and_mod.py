# title: Floor division and remainder on tensors
import torch
a = torch.tensor([5, -5, 7])
print(a // 2)
print(a % 3)
f = torch.tensor([5.5, -5.5])
print(f // 2, f % 2)
print(torch.tensor([1.0, -1.0, 0.0]) / 0)
print(a / 2, (a / 2).dtype)
a // 0
