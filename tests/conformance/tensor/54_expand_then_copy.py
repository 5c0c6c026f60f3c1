# title: Materialising an expanded tensor
import torch
v = torch.tensor([1., 2., 3.])
e = v.view(3, 1).expand(3, 4)
print(e.stride(), e.is_contiguous())
c = e.contiguous()
print(c.stride(), c.data_ptr() == v.data_ptr())
r = e.reshape(12)
print(r)
v[0] = 100
print(e[0], c[0], r[:4])
print(e.sum(), e.mean(0))
