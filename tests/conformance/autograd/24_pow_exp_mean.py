# title: exp, mean and pow
import torch
x = torch.tensor([0., 1., 2.], requires_grad=True)
y = x.exp().mean()
y.backward()
print(y, x.grad)
x.grad = None
z = (x ** 3).sum()
z.backward()
print(x.grad)
print(z.grad_fn, z.grad_fn.next_functions[0][0])
