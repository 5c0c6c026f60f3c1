# title: A tiny gradient descent
import torch
w = torch.tensor([3.0], requires_grad=True)
for step in range(3):
    loss = (w * w).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.25 * w.grad
    w.grad.zero_()
    print(step, loss.item(), w)
print(w.grad, w.is_leaf)
w.grad = None
print(w.grad, w)
