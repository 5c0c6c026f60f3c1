# title: Slice assignment changes the list in place
a = [0, 1, 2, 3, 4, 5]
b = a
a[1:3] = ['x', 'y', 'z']
print(a)
print(b is a, len(b))
a[:] = [9, 8]
print(b)
a[0:0] = [7]
print(a)
c = a[::-1]
print(c, a)
