# title: The default list is made once
def remember(x, seen=[]):
    seen.append(x)
    return seen

r1 = remember(1)
r2 = remember(2)
# Both calls returned the same default list.
print(r1, r2, r1 is r2)
r3 = remember(3, [])
print(r3)
print(remember(4))
