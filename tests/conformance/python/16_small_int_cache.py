# title: Small integers are cached
# Each statement is compiled on its own, as in a REPL.
a = 256
b = 256
print(a is b)
c = 1000
d = 1000
print(c is d, c == d)
e = c
print(e is c)
f = 255 + 1
print(f is a)
