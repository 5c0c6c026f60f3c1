# title: clone() and detach()
# summary: `x.clone()` copies the data but stays in the graph; `x.detach()` shares the data but leaves the graph.

# The article's clone()/detach() example.
import torch
# `x` is a leaf tensor that records operations for autograd.
x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)
# `clone_x` gets new storage and a CloneBackward0 node.
clone_x = x.clone()
# `detach_x` shares storage with `x` but has no grad_fn.
detach_x = x.detach()
# A clone, then detached: new storage and no graph.
clone_detach_x = x.clone().detach()
# `y` is computed from `x`, so it is in the graph.
y = 2*x + 10
# Backward with weights 1, 2, 1 sends 2 times each weight to `x`.
y.backward(torch.FloatTensor([1.0, 2.0, 1.0]))
# The leaf `x` received the gradient.
print(x.grad)
# A clone still requires grad.
print(clone_x.requires_grad)
# But it is not a leaf, so its grad stays None (with a warning).
print(clone_x.grad)
# The detached tensor does not require grad.
print(detach_x.requires_grad)
# Neither does the detached clone.
print(clone_detach_x.requires_grad)
# Compare data pointers: detach shares, clone copies.
print(detach_x.data_ptr() == x.data_ptr(), clone_x.data_ptr() == x.data_ptr())
