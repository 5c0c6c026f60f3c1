# title: str and repr of strings and containers
s = "it's"
print(s)
print(repr(s))
print([s, 'plain', 'say "hi"'])
print(str(12) + '3', repr('a\nb'))
t = ('one',)
print(t, ())
print(str([1, 'a']), repr([1, 'a']))
print(str(None), repr(2.0), str(-0.5))
