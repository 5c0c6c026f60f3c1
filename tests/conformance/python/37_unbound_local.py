# title: Assigning to a name makes it local
count = 0
def bump():
    count += 1
    return count

bump()
def peek():
    return count + 1

print(peek())
print(count)
