# title: copy.copy copies one level
import copy
a = [[1, 2], [3, 4]]
b = copy.copy(a)
print(b == a, b is a)
print(b[0] is a[0], b[1] is a[1])
# Writing into an inner list is seen through both.
b[0][0] = 'x'
# Appending to the outer copy is not.
b.append([5])
print(a)
print(b)
