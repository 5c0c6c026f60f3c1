# title: Names and assignment
# summary: `b = a` gives the same tensor a second name, so a write through `a` shows through `b`.

# We use PyTorch for the tensor.
import torch
# Fix the random generator so every run prints the same numbers.
torch.manual_seed(0)
# The article's first example: `a` names a new tensor of four random numbers.
a = torch.rand(4)
# Print its values and its identity, id().
print('before a', a, id(a))
# `b = a` copies nothing: `b` is a second name for the same tensor.
b = a 
# Same values, same id: one object, two names.
print('before b', b, id(a))
# Write 5 into element 2 through the name `a`.
a[2] = 5
# `a` shows the new value and keeps its id.
print('after a', a, id(a))
# `b` shows it too: there was only ever one tensor.
print('after b', b, id(b))
