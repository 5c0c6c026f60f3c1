# title: Catching PyTorch errors and formatting tensors
import torch
x = torch.ones(2, requires_grad=True)
try:
    x.add_(1)
except RuntimeError as e:
    print('caught:', e)
y = torch.tensor([1.0, 2.0])
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.ones(2) + torch.ones(3)
except RuntimeError as e:
    print(e)
print(f'{x.sum():.3f} {y.mean()!r} {torch.tensor(5):d}')
losses = [torch.tensor(0.5), torch.tensor(0.25)]
print(f'avg {sum(l.item() for l in losses) / len(losses):.4f}')
print(', '.join(f'{v:.2f}' for v in y))
