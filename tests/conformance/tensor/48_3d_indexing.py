# title: Indexing a 3-D tensor
import torch
x = torch.arange(24.).view(2, 3, 4)
print(x)
print(x[1])
print(x[:, 1])
y = x[1, :, 1:3]
print(y, y.stride(), y.storage_offset())
y.mul_(-1)
print(x[1])
