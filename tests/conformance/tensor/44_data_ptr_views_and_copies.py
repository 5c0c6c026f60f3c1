# title: Which results share the data pointer
import torch
x = torch.arange(4.)
views = [x[1:], x.view(2, 2), x.reshape(4), x.detach()]
for v in views:
    print(v.data_ptr() == x.data_ptr(), v.storage_offset())
copies = [x.clone(), x + 0, torch.tensor(x.tolist())]
for c in copies:
    print(c.data_ptr() == x.data_ptr())
x[2] = 20
print(views[1])
print(copies[0])
