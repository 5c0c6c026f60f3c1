# title: Strings never change in place
s = 'ab'
t = s
s += 'c'
print(s, t, s is t)
u = s * 2
print(u, len(u))
print(s[0], s[-1], s[1:])
s[0] = 'z'
