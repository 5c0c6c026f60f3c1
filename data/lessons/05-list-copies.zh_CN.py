# title: 切片与 list() 复制
# summary: `a[:]`、`list(a)` 和 `a.copy()` 都是浅拷贝:新的外层列表共享内层列表。

# `a` 装着一个内层列表和两个数字。
a = [[1, 2], 3, 4]
# 完整切片会生成一个新列表。
b = a[:]
# 对它调用 list() 也一样。
c = list(a)
# 列表自己的 copy() 方法也一样。
d = a.copy()
# 它们都不是 `a` 本身。
print(b is a, c is a, d is a)
# 但它们装的是同一个内层列表。
print(b[0] is a[0], c[0] is a[0], d[0] is a[0])
# 替换 `a` 的一个元素:只有 `a` 改变。
a[1] = 30
# 扩展共享的内层列表:每个副本都看得到。
a[0].append(99)
# `a` 显示了两处修改。
print(a)
# `b` 只显示内层的修改。
print(b)
# `c` 也一样。
print(c)
# `d` 也一样。
print(d)
