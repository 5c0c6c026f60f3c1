# title: Unpacking swaps references
a = [1]
b = [2]
a, b = b, a
print(a, b)
x, y, z = 'x', [0], (1, 2)
print(x, y, z)
# Chained assignment binds both names to one list.
p = q = []
p.append('shared')
print(q, p is q)
first, second = [10, 20]
print(first + second)
m, n = 1, 2, 3
