# title: AttributeError, ValueError and KeyError
a = [1, 2, 3]
a.foo
a.index(7)
n = int('a')
m = int('12')
print(m)
d = {'x': 1}
d['y']
print(d.get('y'))
f = float('abc')
