# title: NameError and ZeroDivisionError
print(undefined_name)
x = 1 / 0
y = 5 // 0
z = 5 % 0
w = 1.5 / 0.0
v = 1.5 // 0
print('still running')
