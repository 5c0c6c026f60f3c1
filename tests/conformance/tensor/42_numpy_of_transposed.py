# title: numpy() of a transposed tensor keeps its strides
import torch
t = torch.arange(6.).view(2, 3)
n = t.numpy()
print(n)
print(n.strides, n.shape)
tt = t.t()
nt = tt.numpy()
print(nt.strides, nt.flags['C_CONTIGUOUS'])
nt[0, 1] = -1
print(t)
back = torch.from_numpy(nt)
print(back.stride(), back.data_ptr() == t.data_ptr())
