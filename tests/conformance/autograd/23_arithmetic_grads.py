# title: Gradients of +, -, * and /
import torch
a = torch.tensor([2., 4.], requires_grad=True)
b = torch.tensor([1., 8.], requires_grad=True)
y = ((a + b) * (a - b) / b).sum()
print(y)
y.backward()
print(a.grad)
print(b.grad)
print(y.grad_fn, y.grad_fn.next_functions)
