# title: try / except / else / finally and raise
data = {'a': 1}
# An except clause catches its class and every subclass.
try:
    print(data['b'])
except LookupError as e:
    print('caught', type(e).__name__, e, repr(e), e.args)
# The first matching clause wins; a tuple lists several classes.
try:
    1 / 0
except (TypeError, ValueError):
    print('not this one')
except ArithmeticError as err:
    print('arithmetic:', err)
# "as" names are unbound when the clause ends.
try:
    print(err)
except NameError as ne:
    print('unbound:', ne)
# else runs when nothing was raised; finally always runs.
def safe_div(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print('division by zero')
        return None
    else:
        print('fine')
        return result
    finally:
        print('finally for', a, b)
print(safe_div(6, 3), safe_div(1, 0))
# raise with a class, an instance, and a re-raise.
def check(n):
    if n < 0:
        raise ValueError(f'negative: {n}')
    return n
try:
    check(-5)
except ValueError as e:
    print('check failed:', e)
log = []
try:
    try:
        int('x')
    except ValueError:
        log.append('inner')
        raise
except Exception as outer:
    log.append(type(outer).__name__)
print(log)
# An exception object is an ordinary object.
saved = KeyError('k')
print(saved, repr(saved), isinstance(saved, LookupError), isinstance(saved, Exception))
try:
    raise saved
except KeyError as e:
    print(e is saved)
# finally runs even when the exception goes on.
try:
    [][0]
finally:
    print('cleanup')
raise RuntimeError('stop here')
raise TypeError
try:
    pass
except 42:
    pass
try:
    raise 'not an exception'
except TypeError as e:
    print(e)
raise
try:
    {}['missing']
except KeyError as e:
    print(e, e.args)
def gen():
    try:
        return 'from try'
    finally:
        print('finally before return')
print(gen())
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
