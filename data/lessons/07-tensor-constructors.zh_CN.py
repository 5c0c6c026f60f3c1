# title: torch.Tensor、torch.tensor、from_numpy 与 as_tensor
# summary: `torch.from_numpy` 和 `torch.as_tensor` 共享 NumPy 缓冲区;`torch.Tensor` 和 `torch.tensor` 会复制。

# 我们需要 NumPy 创建数组。
import numpy as np
# 还需要 PyTorch 创建张量。
import torch
# `a` 是一个装有四个整数的 NumPy 数组。
a = np.array([1, 2, 3, 4])
# `torch.from_numpy` 直接包装数组的缓冲区,不复制。
a1 = torch.from_numpy(a)
# `torch.Tensor` 复制到一个新的 float32 缓冲区。
a2 = torch.Tensor(a)
# `torch.tensor` 总是复制,保留整数类型。
a3 = torch.tensor(a)
# `torch.as_tensor` 能共享时就共享(相同类型、CPU)。
a4 = torch.as_tensor(a)
# 修改之前的数组。
print('before a', a, id(a))
# `a1` 显示同样的数字。
print('before a1', a1, id(a1))
# `a2` 打印的是浮点数:它被转换过。
print('before a2', a2, id(a2))
# `a3` 有自己的副本。
print('before a3', a3, id(a3))
# `a4` 看起来和 `a1` 一样。
print('before a4', a4, id(a4))
# 往 NumPy 数组的第 1 个元素写入 0。
a[1] = 0
# `a` 变了。
print('after a', a, id(a))
# `a1` 共享缓冲区,所以也变了。
print('after a1', a1, id(a1))
# `a2` 是副本:没有变化。
print('after a2', a2, id(a2))
# `a3` 是副本:没有变化。
print('after a3', a3, id(a3))
# `a4` 共享缓冲区:变了。
print('after a4', a4, id(a4))
