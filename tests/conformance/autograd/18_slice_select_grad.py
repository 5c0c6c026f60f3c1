# title: Gradients flow back through slices and indexing
import torch
x = torch.tensor([1., 2., 3., 4.], requires_grad=True)
a = x[1:3]
b = x[0]
print(a.grad_fn, b.grad_fn)
y = a.sum() * b
y.backward()
print(x.grad)
m = torch.ones(2, 3, requires_grad=True)
r = m[1]
c = m[:, 2]
print(r.grad_fn, c.grad_fn, c.grad_fn.next_functions)
