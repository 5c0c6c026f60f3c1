# title: retain_graph keeps the saved tensors for a second pass
import torch
x = torch.tensor([2.], requires_grad=True)
y = x * x
z = y.sum()
z.backward(retain_graph=True)
print(x.grad)
z.backward()
print(x.grad)
z.backward()
print(x.grad)
