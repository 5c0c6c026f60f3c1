# title: Three backward calls, three times the gradient
import torch
w = torch.tensor([1., 2.], requires_grad=True)
for i in range(3):
    (w * 2).sum().backward()
    print(w.grad)
w.grad = None
print(w.grad)
(w * 2).sum().backward()
print(w.grad)
