# title: dtype= suffixes in tensor printing
import torch
print(torch.tensor([1.0, 2.0], dtype=torch.float64))
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([1, 2], dtype=torch.uint8))
print(torch.tensor([1.5], dtype=torch.float16))
print(torch.zeros(2, dtype=torch.int64), torch.zeros(2, dtype=torch.bool))
print(torch.tensor(3, dtype=torch.float64))
x = torch.arange(3, dtype=torch.float64)
print(x * 2, (x * 2).dtype)
print(torch.tensor([], dtype=torch.int64))
