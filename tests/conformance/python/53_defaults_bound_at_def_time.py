# title: Default values are fixed when def runs
d = [0]
def f(x=d):
    x.append(1)
    return x

r = f()
print(r is d, d)
d = [5]
print(f(), d)
def g(n=len(d)):
    return n

d.append(6)
print(g(), d)
