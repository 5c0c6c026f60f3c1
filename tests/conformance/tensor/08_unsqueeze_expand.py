# title: unsqueeze and expand add dimensions without copying
import torch
v = torch.tensor([1., 2., 3.])
col = v.unsqueeze(1)
print(col.shape, col.stride())
row = v.unsqueeze(0)
print(row)
big = col.expand(3, 4)
print(big)
print(big.stride(), big.data_ptr() == v.data_ptr())
v[0] = 10
print(big)
s = row.squeeze()
print(s.shape, s.data_ptr() == v.data_ptr())
big.add_(1)
