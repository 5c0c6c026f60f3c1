# title: Rebinding a parameter does not touch the caller
def reset(items):
    items = []
    items.append('x')
    return items

data = [1, 2, 3]
result = reset(data)
print(data)
print(result)
print(result is data)
