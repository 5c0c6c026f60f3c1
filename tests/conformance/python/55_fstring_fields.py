# title: f-strings: fields, conversions and the = form
name = 'Ada'
n = 42
xs = [1, 'two', 3.0]
# A field is evaluated, then formatted with format(value, spec).
print(f'{name} has {n} items: {xs}')
# !r uses repr, !s uses str, !a escapes non-ASCII.
print(f'{name!r} {name!s} {"café"!a} {xs!r}')
# The = form shows the expression text, then the repr.
print(f'{n=} {name = } {xs[1]=}')
# With a format spec, = uses format() instead of repr.
print(f'{n=:>6} {3.14159=:.2f}')
# Braces are doubled to print them.
print(f'{{n}} is {{{n}}}')
# Nested fields in the spec: width and precision from names.
w, p = 10, 3
print(f'[{3.14159:{w}.{p}f}] [{name:>{w}}] [{n:{"^"}{w}}]')
s = f'{name}'
t = f'{name}{n}'
print(s is name, t, len(t))
# Expressions and method calls inside fields.
print(f'{n * 2 + 1} {name.upper()} {len(xs)} {xs[-1] / 2}')
print(f'{"yes" if n > 40 else "no"} {[x for x in range(3)]} {dict(a=1)}')
# A field whose value raises ends the step.
print(f'{xs[5]}')
print(f'{undefined_name}')
print(f'{None} {True} {(1, 2)} {1e22} {-0.0}')
