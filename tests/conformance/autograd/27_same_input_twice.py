# title: A tensor used twice gets both contributions
import torch
x = torch.tensor(2., requires_grad=True)
y = x * x * x
y.backward()
print(x.grad)
z = x + x
print(z.grad_fn.next_functions)
x.grad.zero_()
z.backward()
print(x.grad)
