# title: grad_fn.next_functions links the graph
import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3., 4.], requires_grad=True)
c = a * b
d = c + a
print(d.grad_fn)
print(d.grad_fn.next_functions)
print(c.grad_fn.next_functions)
e = d.sum()
print(e.grad_fn.next_functions[0][0] is d.grad_fn)
print(e)
