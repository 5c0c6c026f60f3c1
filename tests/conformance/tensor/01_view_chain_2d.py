# title: A view of a view still writes into the first tensor
import torch
x = torch.arange(12.)
y = x.view(3, 4)
# A 2x2 window of y, starting at row 1, column 1.
z = y[1:, 1:3]
print(z)
print(z.shape, z.stride(), z.storage_offset())
z[0, 0] = 100
print(x)
print(z.is_contiguous(), y.is_contiguous())
print(x.data_ptr() == y.data_ptr())
