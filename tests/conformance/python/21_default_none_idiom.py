# title: Use None as the default instead
def remember(x, seen=None):
    if seen is None:
        seen = []
    seen.append(x)
    return seen

r1 = remember(1)
r2 = remember(2)
print(r1, r2, r1 is r2)
mine = [0]
r3 = remember(5, mine)
print(r3 is mine, mine)
