# title: select, indexing and narrow are views
import torch
t = torch.arange(1., 13.).view(3, 4)
row = t.select(0, 1)
col = t[:, 2]
nar = t.narrow(1, 1, 2)
print(row, row.storage_offset())
print(col, col.stride())
print(nar)
print(nar.storage_offset(), nar.stride(), nar.is_contiguous())
nar.fill_(0)
print(t)
