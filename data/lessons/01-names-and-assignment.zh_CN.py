# title: 名字与赋值
# summary: `b = a` 只是给同一个张量再起一个名字,所以通过 `a` 的修改在 `b` 上也看得到。

# 我们用 PyTorch 创建张量。
import torch
# 固定随机数生成器,每次运行都打印同样的数字。
torch.manual_seed(0)
# 文章的第一个例子:`a` 指向一个新建的、含四个随机数的张量。
a = torch.rand(4)
# 打印它的值和身份 id()。
print('before a', a, id(a))
# `b = a` 什么也没复制:`b` 只是同一个张量的第二个名字。
b = a 
# 同样的值,同样的 id:一个对象,两个名字。
print('before b', b, id(a))
# 通过名字 `a` 把 5 写进第 2 个元素。
a[2] = 5
# `a` 显示新值,id 不变。
print('after a', a, id(a))
# `b` 也显示了新值:自始至终只有一个张量。
print('after b', b, id(b))
