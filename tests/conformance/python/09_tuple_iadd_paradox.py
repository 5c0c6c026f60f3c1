# title: `t[0] += [3]` fails and still changes the list
t = ([1, 2],)
inner = t[0]
# The list is extended in place, then storing back into the tuple fails.
t[0] += [3]
print(t)
print(inner, inner is t[0])
