# title: Integer and float arithmetic
print(7 // 2, -7 // 2, 7 // -2)
print(7 % 3, -7 % 3, 7 % -3)
print(2 ** 10, 2 ** -1, (-2) ** 3)
print(7 / 2, 6 / 3, type(6 / 3))
print(abs(-5), abs(-2.5), min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]))
print(1 + 2.0, True + True, 10 - 3 * 2)
print(hex(255), hex(-16), int('42') + 1)
print(-7.5 // 2, -7.5 % 2)
