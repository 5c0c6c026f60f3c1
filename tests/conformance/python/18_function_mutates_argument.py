# title: A function can change the list you pass it
def add_item(items):
    items.append('new')
    print('inside', items)

groceries = ['milk']
add_item(groceries)
print(groceries)
add_item(groceries)
print(len(groceries))
