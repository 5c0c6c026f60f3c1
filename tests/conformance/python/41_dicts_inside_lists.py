# title: Copying a list of dicts
import copy
records = [{'name': 'a', 'tags': ['x']}, {'name': 'b', 'tags': []}]
snap = copy.copy(records)
deep = copy.deepcopy(records)
records[0]['tags'].append('y')
records[1]['name'] = 'B'
print(snap)
print(deep)
print(snap[0] is records[0], deep[0] is records[0])
