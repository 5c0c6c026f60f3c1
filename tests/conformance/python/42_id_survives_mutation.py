# title: Mutation keeps the id, a new list gets a new one
a = [1, 2, 3]
print(id(a))
a.append(4)
a[0] = 10
print(id(a))
b = a
a = a + [5]
print(id(a), id(b))
print(a is b, b)
