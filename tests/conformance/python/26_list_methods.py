# title: List methods work in place
a = [3, 1, 2]
a.insert(0, 9)
print(a)
last = a.pop()
print(last, a)
first = a.pop(0)
print(first, a)
a.extend([1, 1])
print(a.count(1), a.index(1))
# sorted() returns a new list.
s = sorted(a)
print(s, a, s is a)
a.clear()
print(a, s)
