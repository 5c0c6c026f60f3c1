# title: copy.copy 浅拷贝
# summary: `copy.copy` 新建外层列表但共享内层列表:`a[0][0] = 0` 会出现在 `b` 中,`a[2] = 5` 不会。

# 文章中 copy() 的例子要用到 copy 模块。
import copy
# `a` 是一个列表,它的第一个元素是另一个列表。
a = [[1, 2], 3, 4]
# 打印列表和它的 id()。
print('before a', a, id(a))
# `copy.copy` 新建一个外层列表,装着同样的元素。
b = copy.copy(a) 
# 内容相同,id 不同:`b` 是一个新列表。
print('before b', b, id(b))
# 通过 `a` 修改内层列表。
a[0][0] = 0
# `a` 显示了修改。
print('after a', a, id(a))
# `b` 也变了:两个外层列表装的是同一个内层列表。
print('after b', b, id(b))
# 替换外层列表 `a` 自己的一个元素。
a[2] = 5
# `a` 现在以 5 结尾。
print('after a', a, id(a))
# `b` 仍以 4 结尾:它的外层列表是独立的。
print('after b', b, id(b))
# 验证:内层列表是共享的,外层列表不是。
print(a[0] is b[0], a is b)
