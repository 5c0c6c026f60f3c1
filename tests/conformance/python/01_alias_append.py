# title: Two names, one list
# `b = a` copies the reference, not the list.
a = [1, 2, 3]
b = a
print(a is b, id(a) == id(b))
# Appending through b changes the list that a names too.
b.append(4)
print(a)
print(b)
print(len(a), len(b))
print(id(a), id(b))
