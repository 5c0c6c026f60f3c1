# title: Python numbers have no edge in the graph
import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
c = 3 + b
d = c / 4
e = 1 - d
print(b.grad_fn.next_functions, e.grad_fn)
print(e)
e.sum().backward()
print(a.grad)
f = 2 ** a
print(f.grad_fn, f)
