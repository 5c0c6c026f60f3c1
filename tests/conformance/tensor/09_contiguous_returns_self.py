# title: contiguous() on a contiguous tensor is the same tensor
import torch
x = torch.rand(2, 3)
y = x.contiguous()
print(y is x, y.data_ptr() == x.data_ptr())
z = x.t().contiguous()
print(z is x, z.data_ptr() == x.data_ptr())
w = z.contiguous()
print(w is z)
print(z.stride(), x.t().stride())
