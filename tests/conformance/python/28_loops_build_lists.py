# title: Loops that build lists
squares = []
for i in range(5):
    squares.append(i * i)
print(squares, i)
total = 0
n = 0
while total < 20:
    total += squares[n]
    n += 1
print(total, n)
evens = []
for x in squares:
    if x % 2 == 0:
        evens.append(x)
print(evens)
