# title: Transposes have their own backward nodes
import torch
w = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
t = w.t()
print(t.grad_fn)
m = w.transpose(0, 1)
print(m.grad_fn)
p = w.permute(1, 0)
print(p.grad_fn)
s = (t * torch.tensor([[1., 10.], [100., 1000.]])).sum()
s.backward()
print(w.grad)
