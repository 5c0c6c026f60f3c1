# title: `[[0] * 3] * 3` repeats one inner list
grid = [[0] * 3] * 3
print(grid)
grid[0][1] = 5
print(grid)
print(grid[0] is grid[1])
# A comprehension builds a fresh inner list each time.
good = [[0] * 3 for _ in range(3)]
good[0][1] = 5
print(good)
print(good[0] is good[1])
