# title: Offsets add up along a chain of slices
import torch
base = torch.arange(10)
v1 = base[2:]
v2 = v1[3:]
v3 = v2[::2]
print(v1.storage_offset(), v2.storage_offset(), v3.storage_offset())
print(v3, v3.stride())
v3[1] = 0
print(base)
print(v2)
