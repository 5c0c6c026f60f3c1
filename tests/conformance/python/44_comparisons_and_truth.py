# title: Chained comparisons, and, or, not
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print([1, 2] < [1, 3], (1, 2) == (1, 2), [1] == (1,))
print(not x, not [], not [0], x and 0, x or 0, [] or 'empty')
y = [] or [1]
print(y)
