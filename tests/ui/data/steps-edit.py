# title: Step list test
import copy
# Make a list.
a = [[1, 2], 3]

# b is a second name.
b = a
c = copy.copy(a)
print(d)
e = 5
