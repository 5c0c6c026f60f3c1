# title: 原地操作与 autograd 错误
# summary: autograd 禁止原地修改需要梯度的叶子张量,也禁止修改为反向传播保存的张量。

# 我们使用 PyTorch。
import torch
# `x` 是一个需要梯度的叶子张量。
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
# 对这样的叶子做原地加法会引发 RuntimeError。
x.add_(1)
# 在 torch.no_grad() 中可以原地更新。
with torch.no_grad():
    x.add_(1)
# `x` 被更新了,仍然需要梯度。
print(x)
# `a` 由 `x` 计算得到。
a = x * 2
# 平方运算为反向传播保存了 `a`。
b = a ** 2
# 现在原地修改 `a`。
a.add_(1)
# 它的版本计数增加了。
print(a._version)
# 反向传播发现保存的 `a` 被修改了,于是引发 RuntimeError。
b.sum().backward()
# 用当前的 `a` 重新计算 `b`。
b = a ** 2
# 现在反向传播可以正常进行。
b.sum().backward()
# 梯度是当前 `a` 的 4 倍。
print(x.grad)
