# title: dict.copy is shallow; update and get
a = {'x': [1, 2], 'y': 3}
b = a.copy()
b['y'] = 30
b['x'].append(99)
print(a)
print(b)
a.update({'z': 5, 'y': 4})
print(a)
print(b)
print(a.get('w'), a.get('w', 0), a.get('x'))
