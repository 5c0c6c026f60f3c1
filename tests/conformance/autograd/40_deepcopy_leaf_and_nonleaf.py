# title: deepcopy works on leaves only
import copy
import torch
x = torch.tensor([1., 2.], requires_grad=True)
(x * 2).sum().backward()
# The copy is a new leaf; it even copies .grad.
y = copy.deepcopy(x)
print(y.requires_grad, y.is_leaf, y.grad)
print(y.grad is x.grad, y.data_ptr() == x.data_ptr())
z = x * 3
copy.deepcopy(z)
w = copy.deepcopy(z.detach())
print(w, w.requires_grad)
