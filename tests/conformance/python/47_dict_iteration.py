# title: Walking through a dict
prices = {'apple': 3, 'pear': 2}
for name in prices:
    print(name, prices[name])
for pair in prices.items():
    print(pair)
for name in prices:
    prices[name] = prices[name] * 2
print(prices)
total = sum(prices.values())
print(total, list(prices.keys()))
