# title: Printing large integers and mixed magnitudes
import torch
import numpy as np
print(torch.tensor([123456789, 1]))
print(torch.tensor([123456789.0, 1.0]))
print(torch.tensor([0.1, 0.25]) * 1000)
print(torch.arange(6).view(2, 3).float() / 7)
print(np.array([1e-10, 1.0]))
print(np.array([1.123456789]), np.array([100000000.0]))
print(np.array([0.1, 0.2]) + 0.1)
print(np.array([[1.5, -20.25], [300.0, 4.0]]))
