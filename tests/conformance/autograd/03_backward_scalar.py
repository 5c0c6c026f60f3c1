# title: backward() on a scalar
import torch
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 + 2 * x
print(y)
y.backward()
# dy/dx = 2x + 2 = 8
print(x.grad)
print(y.grad_fn, y.grad_fn.next_functions)
