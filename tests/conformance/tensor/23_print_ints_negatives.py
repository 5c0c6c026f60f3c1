# title: Alignment of ints, negatives and special tensors
import torch
print(torch.tensor([1, -20, 300]))
print(torch.tensor([[1, -2], [-300, 4]]))
print(torch.tensor([-1.5, 20.25, 3.0]))
print(torch.tensor([[0.5, -0.25], [10.0, -100.0]]))
print(torch.tensor([True, False]))
print(torch.tensor(5), torch.tensor(2.5))
print(torch.tensor([]), torch.zeros(0, 3))
print(torch.tensor([float('inf'), -1.0, float('nan')]))
