# title: In-place operations and autograd errors
# summary: Autograd forbids in-place changes to a leaf that requires grad and to tensors saved for backward.

# We use PyTorch.
import torch
# `x` is a leaf that requires grad.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
# An in-place add on such a leaf raises a RuntimeError.
x.add_(1)
# Inside torch.no_grad() the in-place update is allowed.
with torch.no_grad():
    x.add_(1)
# `x` was updated and still requires grad.
print(x)
# `a` is computed from `x`.
a = x * 2
# Squaring saves `a` for the backward pass.
b = a ** 2
# Now change `a` in place.
a.add_(1)
# Its version counter went up.
print(a._version)
# Backward finds the saved `a` modified and raises a RuntimeError.
b.sum().backward()
# Recompute `b` from the current `a`.
b = a ** 2
# Now backward works.
b.sum().backward()
# The gradient is 4 times the current `a`.
print(x.grad)
