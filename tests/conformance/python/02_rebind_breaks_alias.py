# title: Rebinding a name leaves the other name alone
a = [1, 2, 3]
b = a
print(id(a), id(b))
# a now names a brand-new list; b still holds the old one.
a = [7, 8]
print(a, b)
print(a is b)
print(id(a), id(b))
# Changing the new list does not touch the old one.
a.append(9)
print(b)
