# title: Updating a leaf in place is fine under no_grad
import torch
w = torch.tensor([1., 2.], requires_grad=True)
with torch.no_grad():
    w.mul_(10)
    w += 1
    w[0] = 0
print(w, w.is_leaf, w.grad_fn)
(w * w).sum().backward()
print(w.grad)
