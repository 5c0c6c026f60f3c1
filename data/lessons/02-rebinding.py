# title: Rebinding a name
# summary: Assigning a new object to `a` moves only the name `a`; `b` keeps the old tensor.

# We use PyTorch for the tensors.
import torch
# Fix the random generator so every run prints the same numbers.
torch.manual_seed(0)
# The article's second example: `a` names a random tensor.
a = torch.rand(4)
# Print its values and its id().
print('before a', a, id(a))
# `b = a`: a second name for the same tensor.
b = a 
# `b` prints the same tensor.
print('before b', b, id(a))
# Now `a` is bound to a brand-new tensor; the old one is not touched.
a = torch.rand(4)
# `a` has new values and a new id.
print('after a', a, id(a))
# `b` still holds the first tensor, unchanged.
print('after b', b, id(b))
# The two names now point at different objects.
print(a is b)
