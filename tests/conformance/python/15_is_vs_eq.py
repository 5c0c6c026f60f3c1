# title: Same value or same object?
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b)
print(a == c, a is c)
print(id(a) == id(b), id(a) == id(c))
b.append(3)
print(a == b)
x = None
print(x is None, x == None)
