# title: `x += 1` writes in place, `x = x + 1` makes a new tensor
import torch
x = torch.ones(3)
y = x
x += 1
print(x, y, x is y)
x = x + 1
print(x, y, x is y)
z = y
z.add_(10)
print(y)
w = y.add(1)
print(w, y)
