# title: keys(), values() and items() follow the dict
d = {'a': 1, 'b': 2}
k = d.keys()
v = d.values()
print(k, v)
print(d.items())
d['c'] = 3
print(list(k), list(v))
print(len(k), sorted(d))
