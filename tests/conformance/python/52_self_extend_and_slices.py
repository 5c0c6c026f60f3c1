# title: A list extended with itself
a = [1, 2]
a.extend(a)
print(a)
a += a
print(a, len(a))
b = [a, a[:]]
print(b[0] is a, b[1] is a, b[1] == a)
a[:] = a[::2]
print(a, b[0])
x = [[]] * 2
x[0] += [1]
print(x)
