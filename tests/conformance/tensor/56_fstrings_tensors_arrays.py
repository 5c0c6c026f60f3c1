# title: f-strings with tensors, arrays and NumPy scalars
import torch
import numpy as np
t = torch.tensor([1.5, 2.25])
loss = torch.tensor(0.1)
a = np.array([1, 2, 3])
z = np.array(2.5)
# An f-string field shows str(t), like print.
print(f'{t}')
# A 0-d tensor formats as its Python number (Tensor.__format__ uses item()).
print(f'{loss} {loss:.3f} {loss.item():.2f}')
print(f'{a} {z} {z:.1f} {a.sum():>5} {a.mean():.3f}')
# NumPy scalars format as the Python float/int they convert to.
print(f'{np.float32(0.1)} {np.float64(0.1)} {np.int64(7):03d} {np.bool_(True)}')
print(f'{t!r} {a!r}')
print(f'{t.shape} {a.shape} {t.dtype} {a.dtype}')
w = torch.ones(2, requires_grad=True)
y = (w * 3).sum()
print(f'{y} {y:.1f} {w.grad}')
# A spec on an array or a tensor with elements is a TypeError.
print(f'{t:.2f}')
print(f'{a:>10}')
