# title: 深拷贝、共享的内层对象与循环引用
# summary: `deepcopy` 复制每一层,在副本内部保留共享关系,也能复制包含自身的列表。

# 文章中 deepcopy() 的例子。
from copy import deepcopy
# `a` 装着一个内层列表和两个数字。
a = [[1, 2], 3, 4]
# 打印列表和它的 id()。
print('before a', a, id(a))
# `deepcopy` 复制外层列表,也复制内层列表。
b = deepcopy(a) 
# 内容相同,id 不同。
print('before b', b, id(b))
# 通过 `a` 修改内层列表。
a[0][0] = 0
# `a` 显示了修改。
print('after a', a, id(a))
# `b` 没有变:它有自己的内层列表。
print('after b', b, id(b))
# 替换 `a` 的一个元素。
a[2] = 5
# 只有 `a` 变了。
print('after a', a, id(a))
# `b` 是完全独立的副本。
print('after b', b, id(b))
# `pair` 两次装着同一个内层列表。
pair = [[1, 2]] * 2
# 把列表追加到自身会形成循环引用。
pair.append(pair)
# `deepcopy` 会记住已复制的对象,所以共享的元素仍然共享,循环指向副本自己。
d = deepcopy(pair)
# 副本内部:两个元素是同一个新列表,循环指向 `d`,与 `pair` 没有任何共享。
print(d, d[0] is d[1], d[2] is d, d[0] is pair[0])
