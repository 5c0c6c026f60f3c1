# title: A function can return two references to one object
def make_pair(item):
    return [item, item]

row = [0, 0]
pair = make_pair(row)
pair[0][1] = 7
print(pair, row)
print(pair[0] is pair[1], pair[1] is row)
