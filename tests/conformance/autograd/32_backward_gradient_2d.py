# title: backward with a 2-D gradient
import torch
x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
y = x * x
y.backward(torch.tensor([[1., 0.], [0., 1.]]))
print(x.grad)
y2 = x.t() * 2
y2.backward(torch.ones(2, 2))
print(x.grad)
print(y2.grad_fn.next_functions)
