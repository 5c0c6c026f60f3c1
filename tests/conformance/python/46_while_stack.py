# title: Emptying a list with pop in a loop
stack = [1, 2, 3]
seen = []
while stack:
    top = stack.pop()
    seen.append(top)
print(stack, seen, top)
i = 0
while i < 3:
    i += 1
print(i)
