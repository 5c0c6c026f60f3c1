# title: contiguous() makes a copy
# summary: `.contiguous()` on a transposed tensor copies it into new storage, so a write into `y` leaves `x` alone.

# We use PyTorch.
import torch
# Fix the random generator so every run prints the same numbers.
torch.manual_seed(0)
# The article's example starts here; importing again changes nothing.
import torch
# `x` is a 3×2 tensor of random numbers.
x = torch.randn(3,2)
# Transpose, then `.contiguous()` copies the numbers in the new order.
y = torch.transpose(x, 0, 1).contiguous()
# Print a heading.
print('before')
# `x` as rows of two.
print('x:', x)
# `y` holds the transposed numbers.
print('y:', y)
# Print a heading.
print('after')
# Write 12 into the top-left element of `y`.
y[0, 0] = 12
# `x` is unchanged: `y` has its own storage.
print('x:', x)
# Only `y` shows the 12.
print('y:', y)
# `y` is contiguous, with row-major strides.
print(y.is_contiguous(), y.stride(), y.data_ptr() == x.data_ptr())
