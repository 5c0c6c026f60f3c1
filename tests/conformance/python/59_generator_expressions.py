# title: Generator expressions
a = [1, 2, 3, 4]
print(sum(x * x for x in a), max(x % 3 for x in a), min(-x for x in a))
print(list(x for x in a if x % 2), tuple(str(x) for x in a))
print(any(x > 3 for x in a), all(x > 0 for x in a), any(x > 9 for x in a))
print(', '.join(str(x) for x in a), sorted((-x for x in a)))
pairs = list((i, j) for i in range(3) for j in range(i))
print(pairs)
# A generator is lazy: nothing runs until it is consumed.
g = (x * 10 for x in a)
print(next(g), next(g))
print(g)
print(list(g), list(g))
# The first iterable is evaluated at once, the rest later.
def noisy(x):
    print('computing', x)
    return x
h = (noisy(x) for x in a)
print('made h')
print(next(h))
print(any(noisy(x) > 1 for x in a))
# Its loop variable does not leak.
print([x for x in 'ab'], sum(k for k in range(5)))
k = 'outer'
print(sum(k for k in range(5)), k)
print(sum(x for x in 5))
print(next(g))
