# title: TypeError messages
a = [1, 2]
b = a + 3
c = 1 + 'x'
t = (1, 2)
t[0] = 5
n = 5
n[0]
n()
s = 'abc'
s[0] = 'z'
print(len(5))
print(a, t, n, s)
