# title: type() and isinstance()
values = [1, 2.0, 'three', [4], (5,), {'six': 6}, None, True]
for v in values:
    print(type(v), isinstance(v, int))
print(isinstance(True, int), type(True) is bool)
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(type(values) == list)
