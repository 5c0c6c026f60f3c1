# title: deepcopy rebuilds a cycle that runs through a tuple
import copy
box = []
t = (box, 'tag')
box.append(t)
print(t)
c = copy.deepcopy(t)
print(c)
print(c[0][0] is c, c[0] is box)
# The same tuple twice in a list is copied once.
pair = [t, t]
d = copy.deepcopy(pair)
print(d[0] is d[1], d[0] is t)
