# title: Index errors
a = []
a.pop()
b = [1, 2]
b.index(5)
b[5]
b[5] = 0
print(b[-1], b[-2])
b[-3]
t = (1,)
t[1]
