# title: deepcopy keeps sharing inside the copy
import copy
inner = [0]
# One inner list, reached three times.
pair = [inner, inner, [inner]]
twin = copy.deepcopy(pair)
# The memo maps the inner list to one copy, used at every place.
print(twin[0] is twin[1], twin[0] is twin[2][0])
print(twin[0] is inner)
twin[0].append(1)
print(twin)
print(pair)
