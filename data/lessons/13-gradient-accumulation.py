# title: Gradient accumulation and zero_()
# summary: Each backward call adds into `w.grad`; `.zero_()` clears it between steps.

# We use PyTorch.
import torch
# `w` is a leaf that requires grad.
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
# Before any backward, `w.grad` is None.
print(w.grad)
# `loss` is twice the sum of `w`.
loss = (w * 2).sum()
# Backward fills `w.grad`.
loss.backward()
# Each element's gradient is 2.
print(w.grad)
# Build the same loss again.
loss = (w * 2).sum()
# A second backward adds to the existing gradient.
loss.backward()
# Now each element shows 4: accumulated, not replaced.
print(w.grad)
# `.zero_()` clears the gradient in place.
w.grad.zero_()
# Zeros.
print(w.grad)
# A different loss: the sum of squares.
(w ** 2).sum().backward()
# The gradient is 2 times `w`, starting from zero.
print(w.grad)
