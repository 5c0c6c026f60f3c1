# title: When PyTorch switches to scientific notation
import torch
print(torch.tensor([1e-5, 1.0]))
print(torch.tensor([1e-3, 1.0]))
print(torch.tensor([1e10, 1.0]))
print(torch.tensor([123456.0, 1.0]))
print(torch.tensor([0.0001, 10000.0]))
print(torch.tensor([1.5, 2.25, -3.125]))
print(torch.tensor([1e-8]))
print(torch.tensor([100.0, 200.0]))
print(torch.tensor([1e-5, 1.0], dtype=torch.float64))
