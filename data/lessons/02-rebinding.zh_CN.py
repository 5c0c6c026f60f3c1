# title: 重新绑定名字
# summary: 给 `a` 赋一个新对象只移动了名字 `a`;`b` 仍指向旧张量。

# 我们用 PyTorch 创建张量。
import torch
# 固定随机数生成器,每次运行都打印同样的数字。
torch.manual_seed(0)
# 文章的第二个例子:`a` 指向一个随机张量。
a = torch.rand(4)
# 打印它的值和 id()。
print('before a', a, id(a))
# `b = a`:同一个张量的第二个名字。
b = a 
# `b` 打印出同一个张量。
print('before b', b, id(a))
# 现在 `a` 绑定到一个全新的张量;旧张量没有被改动。
a = torch.rand(4)
# `a` 有了新的值和新的 id。
print('after a', a, id(a))
# `b` 仍然指向第一个张量,没有变化。
print('after b', b, id(b))
# 两个名字现在指向不同的对象。
print(a is b)
