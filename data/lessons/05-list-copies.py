# title: Slicing and list() copies
# summary: `a[:]`, `list(a)` and `a.copy()` are all shallow: new outer lists that share the inner list.

# `a` holds an inner list and two numbers.
a = [[1, 2], 3, 4]
# A full slice makes a new list.
b = a[:]
# So does calling list() on it.
c = list(a)
# And the list's own copy() method.
d = a.copy()
# None of them is `a` itself.
print(b is a, c is a, d is a)
# But each holds the very same inner list.
print(b[0] is a[0], c[0] is a[0], d[0] is a[0])
# Replace an item of `a`: only `a` changes.
a[1] = 30
# Grow the shared inner list: every copy sees it.
a[0].append(99)
# `a` shows both changes.
print(a)
# `b` shows only the inner change.
print(b)
# `c` too.
print(c)
# And `d` too.
print(d)
