# sum() of ints, floats, bools, ranges, with a start value, and its errors.
print(sum([]), sum([1, 2, 3]), sum((1, 2)), sum(range(101)), sum([1.5, 2.5]), sum([True, True, False]))
print(sum([0.1] * 10), sum([1, 2.5]), sum([1e308, 1e308]), sum([-0.0]), sum([-0.0, -0.0]), sum([], -0.0))
print(sum([1, 2], 10), sum([0.5], 1), sum([[1], [2]], []), sum({1: 'a', 2: 'b'}), sum([3], 0.0))
print(sum([9223372036854775806, 1]), sum([-9223372036854775807, -1]), sum([9223372036854775807, -9223372036854775807]))
print(sum([1e100, 1.0, -1e100]), sum([0.1, 0.2, 0.3]), sum([1, -1.0]))
print(sum([x * x for x in range(10)]), sum([[]], []), sum(range(0), 5))
try:
    sum(['a', 'b'])
except TypeError as e:
    print(e)
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print(e)
try:
    sum(5)
except TypeError as e:
    print(e)
try:
    sum([1, None])
except TypeError as e:
    print(e)
