# title: numpy() refuses a tensor that requires grad
import torch
x = torch.tensor([1., 2.], requires_grad=True)
x.numpy()
n = x.detach().numpy()
n[0] = 50
print(x)
y = x * 2
y.numpy()
print(y.detach().numpy())
