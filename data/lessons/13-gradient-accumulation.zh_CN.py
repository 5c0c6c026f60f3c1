# title: 梯度累加与 zero_()
# summary: 每次 backward 都累加到 `w.grad` 中;用 `.zero_()` 在两次之间清零。

# 我们使用 PyTorch。
import torch
# `w` 是一个需要梯度的叶子张量。
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
# 在任何反向传播之前,`w.grad` 是 None。
print(w.grad)
# `loss` 是 `w` 之和的两倍。
loss = (w * 2).sum()
# 反向传播填充了 `w.grad`。
loss.backward()
# 每个元素的梯度都是 2。
print(w.grad)
# 再次构造同样的 loss。
loss = (w * 2).sum()
# 第二次反向传播会加到已有的梯度上。
loss.backward()
# 现在每个元素都是 4:是累加,而不是替换。
print(w.grad)
# `.zero_()` 原地把梯度清零。
w.grad.zero_()
# 全是零。
print(w.grad)
# 换一个 loss:平方和。
(w ** 2).sum().backward()
# 梯度是 `w` 的 2 倍,从零开始累加。
print(w.grad)
