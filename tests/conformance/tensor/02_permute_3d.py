# title: permute reorders strides, not memory
import torch
a = torch.arange(24).reshape(2, 3, 4)
print(a)
b = a.permute(2, 0, 1)
print(b.shape, b.stride(), b.is_contiguous())
b[0, 0, 0] = -1
print(a[0, 0])
# contiguous() on a permuted tensor copies into a new storage.
c = b.contiguous()
print(c.stride(), c.data_ptr() == b.data_ptr())
c[1, 0, 0] = 99
print(a[0, 0, 1])
