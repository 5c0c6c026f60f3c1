# title: A dict that contains itself
import copy
d = {'name': 'loop'}
d['self'] = d
print(d)
print(d['self']['self'] is d)
e = copy.deepcopy(d)
print(e, e['self'] is e, e is d)
# A shallow copy points back at the original.
f = d.copy()
print(f)
print(f['self'] is d)
