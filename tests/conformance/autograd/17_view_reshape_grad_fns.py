# title: view and reshape in the graph
import torch
x = torch.arange(6., requires_grad=True)
v = x.view(2, 3)
r = x.reshape(3, 2)
print(v.grad_fn, r.grad_fn)
vt = v.t()
rr = vt.reshape(6)
print(rr.grad_fn, rr.grad_fn.next_functions)
(v.sum() + (r * r).sum()).backward()
print(x.grad)
