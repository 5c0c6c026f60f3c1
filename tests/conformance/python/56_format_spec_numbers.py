# title: Format specs for int and float
n = 1234567
x = -1234.5678
# Width, alignment and fill.
print(f'[{n:>12}] [{n:<12}] [{n:^12}] [{n:*^12}] [{x:=12.1f}]')
# Signs and zero padding.
print(f'[{n:+}] [{-n:+}] [{n: }] [{n:012}] [{x:012.2f}] [{-5:05}]')
# Grouping with a comma or an underscore.
print(f'{n:,} {n:_} {x:,.2f} {n:015,} {n:_x} {n:_b}')
# Integer presentation types.
print(f'{255:b} {255:o} {255:x} {255:X} {255:#b} {255:#o} {255:#x} {255:#X} {65:c} {n:d} {n:n}')
# Float presentation types.
print(f'{x:f} {x:.2f} {x:e} {x:.3E} {x:g} {x:.3g} {0.00001234:g} {1e20:g}')
print(f'{0.256:%} {0.256:.1%} {2/3:.10f} {1/3:.0f} {2.5:.0f} {3.5:.0f}')
# No type: like str() without a precision, else like 'g' keeping a '.0'.
print(f'{x:10} {1.0:.3} {123.0:.3} {12.0:.5} {1e16:} {1e-5:.2}')
# Alternate form and negative-zero coercion.
print(f'{1.0:#g} {1.0:#.0f} {1e16:#} {-0.0:z} {-0.0001:z.2f} {-0.0:.1f}')
# Ints with a float type convert to float.
print(f'{7:.2f} {7:e} {7:%} {True:d} {True:>5} {False:.1f}')
# inf and nan.
inf = float('inf')
print(f'{inf:f} {inf:F} {-inf:10.2f} {inf:010} {float("nan"):+G} {inf:%}')
print(format(n, ','), format(x, '.1e'), format(0.1, '.20f'), format(9223372036854775807, ','))
print(format(-9223372036854775807 - 1, 'x'), format(10, '#010b'), format(-255, '#010x'), format(1000, '010,'))
