# title: repr of tricky strings and nested tuples
print(repr('tab\there'), repr("a'b\"c"))
print(['x\ny', "it's"])
print(((),), (1,), ((1, 2),))
print({'k': (1,), 'n': [None, True]})
print([0.1, 1e-05, -0.0, 1e22, 1e21])
print(1e-7, 0.1 ** 2, 100.0 / 3, 2 ** 62)
print(dict([('a', 1), ('b', 2)]), list({'x': 1}))
