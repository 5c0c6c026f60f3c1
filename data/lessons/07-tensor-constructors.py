# title: torch.Tensor, torch.tensor, from_numpy and as_tensor
# summary: `torch.from_numpy` and `torch.as_tensor` share the NumPy buffer; `torch.Tensor` and `torch.tensor` copy it.

# We need NumPy for the array.
import numpy as np
# And PyTorch for the tensors.
import torch
# `a` is a NumPy array of four integers.
a = np.array([1, 2, 3, 4])
# `torch.from_numpy` wraps the array's buffer without copying.
a1 = torch.from_numpy(a)
# `torch.Tensor` copies into a new float32 buffer.
a2 = torch.Tensor(a)
# `torch.tensor` always copies, keeping the integer dtype.
a3 = torch.tensor(a)
# `torch.as_tensor` shares when it can (same dtype, CPU).
a4 = torch.as_tensor(a)
# The array before the change.
print('before a', a, id(a))
# `a1` shows the same numbers.
print('before a1', a1, id(a1))
# `a2` prints floats: it was converted.
print('before a2', a2, id(a2))
# `a3` has its own copy.
print('before a3', a3, id(a3))
# `a4` looks like `a1`.
print('before a4', a4, id(a4))
# Write 0 into element 1 of the NumPy array.
a[1] = 0
# `a` changed.
print('after a', a, id(a))
# `a1` shares the buffer, so it changed too.
print('after a1', a1, id(a1))
# `a2` is a copy: unchanged.
print('after a2', a2, id(a2))
# `a3` is a copy: unchanged.
print('after a3', a3, id(a3))
# `a4` shares the buffer: changed.
print('after a4', a4, id(a4))
