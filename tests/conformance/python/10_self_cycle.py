# title: A list that contains itself
a = [1, 2]
a.append(a)
# Python prints the cycle as [...].
print(a)
print(a[2] is a, len(a))
print(a[2][2][2][1])
b = [a]
print(b)
a.pop()
print(b)
