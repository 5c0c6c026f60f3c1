# title: in and not in
a = [1, [2, 3], 'x']
print(1 in a, [2, 3] in a, 'y' not in a)
d = {'k': 1}
print('k' in d, 1 in d)
print(3 in range(5), 5 in range(5))
print(a.count([2, 3]), a.index('x'))
print('ell' in 'hello')
