# title: Two lists that point at each other
import copy
a = [1]
b = [2]
a.append(b)
b.append(a)
print(a)
print(b)
print(a[1][1] is a)
# deepcopy rebuilds the same cycle between two new lists.
c = copy.deepcopy(a)
print(c)
print(c[1][1] is c, c[1] is b)
