# title: 转置是视图
# summary: `torch.transpose` 只交换步长,所以写入 `y` 会改变 `x`。

# 我们使用 PyTorch。
import torch
# 固定随机数生成器,每次运行都打印同样的数字。
torch.manual_seed(0)
# 文章的例子从这里开始;再次导入不会改变任何东西。
import torch
# `x` 是一个 3×2 的随机张量。
x = torch.randn(3,2)
# `y` 是同一存储上的 2×3 视图,步长互换。
y = torch.transpose(x, 0, 1)
# 打印标题。
print('before')
# `x` 按每行两个数排列。
print('x:', x)
# `y` 显示同样的数字,只是转置了。
print('y:', y)
# 打印标题。
print('after')
# 把 12 写进 `y` 左上角的元素。
y[0, 0] = 12
# `x` 也变了:它们是同一块存储。
print('x:', x)
# `y` 显示了 12。
print('y:', y)
# 这个视图不是连续的:它的步长被交换了。
print(y.is_contiguous(), x.stride(), y.stride())
