# title: Choosing with if, elif and else
def grade(score):
    if score >= 90:
        return 'A'
    elif score >= 75:
        return 'B'
    else:
        return 'C'

print(grade(95), grade(80), grade(10))
results = []
for s in [100, 75, 74]:
    results.append(grade(s))
print(results)
x = 5
if x > 3 and x < 10:
    print('middle')
elif x > 10:
    print('big')
