# title: A leaf that requires grad refuses in-place writes
import torch
w = torch.tensor([1., 2.], requires_grad=True)
w.add_(1)
w += 1
w[0] = 5
w.zero_()
with torch.no_grad():
    w[0] = 5
print(w)
print(w.requires_grad, w.is_leaf, w.grad_fn)
