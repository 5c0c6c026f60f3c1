# title: sum, min, max and sorted
nums = [5, -2, 9, 0]
print(sum(nums), min(nums), max(nums), sorted(nums))
s = sorted(nums, reverse=True)
print(s, nums)
print(max([]))
print(min('b', 'a'), sorted('cab'))
print(sum([0.1] * 10))
print(sorted([[2, 1], [1, 5], [1, 2]]))
