# title: How NumPy prints arrays
import numpy as np
print(np.array([1, 2, 3]))
print(np.array([1.5, 2.0, -3.25]))
print(np.array([[1, 2], [30, 4]]))
print(np.array([0.1, 1e-5]))
print(np.array([1e10, 1.0]))
print(np.array([True, False]))
print(repr(np.array([1, 2])), repr(np.array([1.0, 2.5])))
print(np.array([1, 2], dtype=np.float32))
print(repr(np.array([1, 2], dtype=np.int32)), repr(np.array([1.0], dtype=np.float32)))
print(np.arange(2000))
