# title: range is lazy; list(range) makes a list
r = range(2, 10, 3)
print(r, list(r), len(r))
print(r[1], r[-1])
l = list(range(5))
l2 = l[1:4]
l2[0] = 'x'
print(l, l2)
print(tuple(l), list('abc'))
