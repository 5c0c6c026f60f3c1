# title: print with sep and end
print(1, 2, 3, sep=', ')
print('a', 'b', sep='')
print('no newline', end='')
print(' -- continued')
print('x', end='!\n')
print()
print([1, 'two'], (3,), {'k': None}, sep=' | ')
print(True, None, 3.0)
