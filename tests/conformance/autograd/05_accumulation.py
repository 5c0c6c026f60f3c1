# title: Gradients add up until you zero them
import torch
w = torch.tensor([1., 2.], requires_grad=True)
loss = (w * 3).sum()
loss.backward()
print(w.grad)
loss2 = (w * w).sum()
loss2.backward()
print(w.grad)
w.grad.zero_()
print(w.grad)
(w * 5).sum().backward()
print(w.grad)
