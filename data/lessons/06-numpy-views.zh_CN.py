# title: NumPy 的视图与副本
# summary: 基本切片和 `.reshape()` 得到同一缓冲区上的视图;`.copy()` 得到新的缓冲区。

# 我们需要 NumPy。
import numpy as np
# `a` 拥有一个装着六个整数的缓冲区。
a = np.arange(6)
# 基本切片是视图:没有复制任何数字。
v = a[1:4]
# `.copy()` 把同样的数字放进一个新的缓冲区。
c = a[1:4].copy()
# 对连续数组做 `.reshape()` 也得到视图。
r = a.reshape(2, 3)
# 问 NumPy 哪些数组和 `a` 共享内存。
print(np.shares_memory(a, v), np.shares_memory(a, c), np.shares_memory(a, r))
# 通过视图 `v` 写入。
v[0] = 100
# `a` 看到了这次写入。
print(a)
# 另一个视图 `r` 也看到了。
print(r)
# 副本 `c` 没有变化。
print(c)
# 视图记得它的基数组;副本没有。
print(v.base is a, c.base is None)
