# title: Deep copies, shared inner objects and cycles
# summary: `deepcopy` copies every level, keeps sharing inside the copy and copies a list that contains itself.

# The article's deepcopy() example.
from copy import deepcopy
# `a` holds an inner list and two numbers.
a = [[1, 2], 3, 4]
# Print the list and its id().
print('before a', a, id(a))
# `deepcopy` copies the outer list and the inner list too.
b = deepcopy(a) 
# Equal contents, a different id.
print('before b', b, id(b))
# Change the inner list through `a`.
a[0][0] = 0
# `a` shows the change.
print('after a', a, id(a))
# `b` does not: it has its own inner list.
print('after b', b, id(b))
# Replace an item of `a`.
a[2] = 5
# Only `a` changes.
print('after a', a, id(a))
# `b` is a fully independent copy.
print('after b', b, id(b))
# `pair` holds one inner list twice.
pair = [[1, 2]] * 2
# Appending a list to itself makes a cycle.
pair.append(pair)
# `deepcopy` remembers what it copied, so shared items stay shared and the cycle points at the copy.
d = deepcopy(pair)
# Inside the copy: both items are one new list, the cycle points at `d`, and nothing is shared with `pair`.
print(d, d[0] is d[1], d[2] is d, d[0] is pair[0])
