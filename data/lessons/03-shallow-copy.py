# title: Shallow copies with copy.copy
# summary: `copy.copy` makes a new outer list but shares the inner list, so `a[0][0] = 0` shows in `b` and `a[2] = 5` does not.

# The article's copy() example uses the copy module.
import copy
# `a` is a list whose first item is another list.
a = [[1, 2], 3, 4]
# Print the list and its id().
print('before a', a, id(a))
# `copy.copy` builds a new outer list holding the same items.
b = copy.copy(a) 
# Equal contents, a different id: `b` is a new list.
print('before b', b, id(b))
# Change the inner list through `a`.
a[0][0] = 0
# `a` shows the change.
print('after a', a, id(a))
# So does `b`: both outer lists hold the same inner list.
print('after b', b, id(b))
# Replace an item of the outer list `a` itself.
a[2] = 5
# `a` now ends with 5.
print('after a', a, id(a))
# `b` still ends with 4: its outer list is its own.
print('after b', b, id(b))
# Check: the inner list is shared, the outer lists are not.
print(a[0] is b[0], a is b)
