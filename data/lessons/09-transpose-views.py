# title: Transpose is a view
# summary: `torch.transpose` only swaps strides, so a write into `y` changes `x`.

# We use PyTorch.
import torch
# Fix the random generator so every run prints the same numbers.
torch.manual_seed(0)
# The article's example starts here; importing again changes nothing.
import torch
# `x` is a 3×2 tensor of random numbers.
x = torch.randn(3,2)
# `y` is a 2×3 view of the same storage with swapped strides.
y = torch.transpose(x, 0, 1)
# Print a heading.
print('before')
# `x` as rows of two.
print('x:', x)
# `y` shows the same numbers transposed.
print('y:', y)
# Print a heading.
print('after')
# Write 12 into the top-left element of `y`.
y[0, 0] = 12
# `x` changed too: it is the same storage.
print('x:', x)
# `y` shows the 12.
print('y:', y)
# The view is not contiguous: its strides are swapped.
print(y.is_contiguous(), x.stride(), y.stride())
