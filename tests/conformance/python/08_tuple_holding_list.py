# title: An immutable tuple can hold a mutable list
t = ([1, 2], 'a')
lst = t[0]
lst.append(3)
print(t)
# The tuple itself cannot be changed...
t[0] = [9]
print(t)
# ...but the list inside it can.
t[0].extend([4, 5])
print(t, len(t[0]))
