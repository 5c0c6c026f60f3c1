# title: Tuples of immutables deep-copy to themselves
import copy
t = (1, 2.5, 'three', (4, 5))
u = copy.deepcopy(t)
print(u is t)
v = copy.copy(t)
print(v is t)
# A tuple that holds a list must be copied.
w = (1, [2, 3])
x = copy.deepcopy(w)
print(x is w, x == w, x[1] is w[1])
y = copy.copy(w)
print(y is w)
