# title: view() 与 reshape()
# summary: `.view()` 总是共享存储,对不连续的张量会报错;`.reshape()` 能共享时共享,必要时复制。

# 我们使用 PyTorch。
import torch
# `x` 装着 0 到 5 的浮点数。
x = torch.arange(6.)
# `.view()` 把同一块存储解释成 2×3。
v = x.view(2, 3)
# 数据指针相同:没有复制。
print(v, v.data_ptr() == x.data_ptr())
# `t` 是 `v` 的转置:一个不连续的视图。
t = v.t()
# 查看它的布局。
print(t.is_contiguous(), t.stride())
# 无法得到视图时(比如这里),`.reshape()` 会复制。
r = t.reshape(6)
# 新的存储:数据指针不同。
print(r, r.data_ptr() == x.data_ptr())
# 通过视图 `v` 写入。
v[0, 0] = 100
# `x` 看到了。
print(x)
# reshape 得到的副本 `r` 没有变化。
print(r)
# `.view()` 无法在不复制的情况下展平 `t`,所以引发 RuntimeError。
f = t.view(6)
