# title: Three ways to copy a list, all shallow
a = [1, [2, 3], 4]
# Slicing, list() and .copy() each build a new outer list.
b = a[:]
c = list(a)
d = a.copy()
print(b is a, c is a, d is a)
# ...but the inner list is shared by all of them.
print(b[1] is a[1], c[1] is a[1], d[1] is a[1])
a[0] = 100
a[1].append(99)
print(a)
print(b)
print(c)
print(d)
