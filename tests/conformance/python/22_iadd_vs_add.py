# title: `a += b` changes the list, `a = a + b` makes a new one
a = [1, 2]
b = a
a += [3]
print(a, b, a is b)
a = a + [4]
print(a, b, a is b)
# Tuples are immutable: += builds a new tuple.
c = (1, 2)
d = c
c += (3,)
print(c, d, c is d)
