# title: clone() makes a new storage
import torch
a = torch.ones(2, 2)
b = a.clone()
b[0, 0] = 7
print(a)
print(b)
print(a.data_ptr() == b.data_ptr())
# Cloning a transposed view keeps its strides.
c = a.t().clone()
print(c.stride(), c.is_contiguous())
a[1, 0] = 3
print(c)
