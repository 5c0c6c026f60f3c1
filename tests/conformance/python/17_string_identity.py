# title: Identifier-like strings are interned
s = 'hello'
t = 'hello'
print(s is t, s == t)
u = 'hello world'
v = 'hello world'
print(u is v, u == v)
w = u
print(w is u)
