# title: contiguous() 会复制
# summary: 对转置后的张量调用 `.contiguous()` 会复制到新存储,所以写入 `y` 不影响 `x`。

# 我们使用 PyTorch。
import torch
# 固定随机数生成器,每次运行都打印同样的数字。
torch.manual_seed(0)
# 文章的例子从这里开始;再次导入不会改变任何东西。
import torch
# `x` 是一个 3×2 的随机张量。
x = torch.randn(3,2)
# 先转置,再用 `.contiguous()` 按新顺序复制这些数字。
y = torch.transpose(x, 0, 1).contiguous()
# 打印标题。
print('before')
# `x` 按每行两个数排列。
print('x:', x)
# `y` 装着转置后的数字。
print('y:', y)
# 打印标题。
print('after')
# 把 12 写进 `y` 左上角的元素。
y[0, 0] = 12
# `x` 没有变:`y` 有自己的存储。
print('x:', x)
# 只有 `y` 显示了 12。
print('y:', y)
# `y` 是连续的,步长按行优先排列。
print(y.is_contiguous(), y.stride(), y.data_ptr() == x.data_ptr())
