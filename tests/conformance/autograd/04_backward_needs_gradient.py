# title: A non-scalar output needs a gradient argument
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * 2
y.backward()
y.backward(torch.tensor([1., 0.1, 0.01]))
print(x.grad)
y2 = x ** 2
y2.backward(torch.ones(2))
print(x.grad)
