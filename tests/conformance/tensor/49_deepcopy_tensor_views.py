# title: copy.deepcopy of tensors copies whole storages
import copy
import torch
base = torch.arange(20.).view(4, 5)
v = base[1:, ::2]
# The copy keeps the view's strides and offset: the whole storage was copied.
d = copy.deepcopy(v)
print(d.stride(), d.storage_offset(), d.is_contiguous())
print(d)
# Copied together, a tensor and its view still share one (new) storage.
pair = [base, v]
dp = copy.deepcopy(pair)
dp[1][0, 0] = -1
print(dp[0][1])
print(base[1])
s = copy.copy(v)
print(s.data_ptr() == v.data_ptr(), s.stride())
