# title: del removes a name, not the object
a = [1, 2, 3, 4]
b = a
del a
print(b)
print(a)
del b[0]
print(b)
del b[1:]
print(b)
d = {'k': 1, 'j': 2}
del d['k']
print(d)
del d['zz']
