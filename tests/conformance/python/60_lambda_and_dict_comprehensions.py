# title: lambda and dict comprehensions
# A lambda is a function object without a def; it closes over names.
double = lambda x, factor=2: x * factor
print(double(4), double(4, 3), double.__name__)
words = ['pear', 'fig', 'banana']
print(sorted(words, key=lambda w: len(w)), max(words, key=lambda w: w[-1]))
# Late binding: each lambda sees the final value of i ...
late = [lambda: i for i in range(3)]
# ... unless a default argument captures it at definition time.
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])
def adder(n):
    return lambda x: x + n
add10 = adder(10)
print(add10(5), (lambda: 'now')())
# A dict comprehension builds a new dict; its values can be shared objects.
row = [0, 0]
grid = {k: row for k in 'ab'}
grid['a'].append(1)
print(grid, grid['a'] is grid['b'])
fresh = {k: list(row) for k in 'ab'}
fresh['a'].append(2)
print(fresh)
squares = {n: n * n for n in range(5) if n % 2 == 0}
print(squares, {v: k for k, v in squares.items()})
print(double())
print({k: 1 / k for k in [1, 0]})
