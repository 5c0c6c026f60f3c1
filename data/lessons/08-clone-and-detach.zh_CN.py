# title: clone() 与 detach()
# summary: `x.clone()` 复制数据但留在计算图中;`x.detach()` 共享数据但脱离计算图。

# 文章中 clone()/detach() 的例子。
import torch
# `x` 是一个叶子张量,autograd 会记录对它的运算。
x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)
# `clone_x` 得到新的存储和一个 CloneBackward0 节点。
clone_x = x.clone()
# `detach_x` 与 `x` 共享存储,但没有 grad_fn。
detach_x = x.detach()
# 先 clone 再 detach:新存储,也不在计算图中。
clone_detach_x = x.clone().detach()
# `y` 由 `x` 计算得到,所以在计算图中。
y = 2*x + 10
# 以权重 1, 2, 1 反向传播,把每个权重的 2 倍传给 `x`。
y.backward(torch.FloatTensor([1.0, 2.0, 1.0]))
# 叶子 `x` 收到了梯度。
print(x.grad)
# 克隆出来的张量仍然需要梯度。
print(clone_x.requires_grad)
# 但它不是叶子,所以它的 grad 仍是 None(并给出警告)。
print(clone_x.grad)
# detach 后的张量不需要梯度。
print(detach_x.requires_grad)
# detach 后的克隆也不需要。
print(clone_detach_x.requires_grad)
# 比较数据指针:detach 共享,clone 复制。
print(detach_x.data_ptr() == x.data_ptr(), clone_x.data_ptr() == x.data_ptr())
