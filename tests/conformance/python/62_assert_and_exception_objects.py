# title: assert, and exceptions as objects
a = [1, 2]
b = a
# assert checks a condition teachers often state about aliasing.
assert a is b, 'a and b are one list'
c = list(a)
assert c == a
assert c is a, f'{c} is a copy, not {a}'
assert c is a
# A tuple is always true: Python warns about the parentheses.
assert (c is a, 'never fails')
# Exceptions can be kept in a list and looked at later.
errors = []
for text in ['1', 'x', '2.5', '']:
    try:
        errors.append(int(text))
    except ValueError as e:
        errors.append(e)
print(errors)
print([type(x).__name__ for x in errors], errors[1].args)
# A generator that raises StopIteration inside is a RuntimeError (PEP 479).
g = (next(iter([])) for _ in [1])
print(list(g))
print(ValueError, KeyError.__name__, isinstance(errors[1], Exception))
