# list displays, concatenation, repetition, indexing (negative too), index
# assignment, len, membership, iteration and comparisons.
a = [1, 2, 3]
b = []
c = [1, 'two', 3.0, None, True, [4, 5], (6,), {'k': 7}]
print(a, b, c, len(a), len(b), len(c))
print(a + [4], a + b, b + b, [0] * 4, [] * 3, [1, 2] * 0, [1, 2] * -1, 2 * [7])
print(a[0], a[-1], a[-3], c[5][1], c[-1]['k'], c[6][0])
a[0] = 10
a[-1] = 30
print(a)
a[1] = a
a[1] = 'replaced'
print(a)
print(2 in [1, 2, 3], 4 in [1, 2, 3], [1] in [[1], 2], 'a' in ['abc'], 1.0 in [1], True in [1])
print(3 not in a, 30 not in a)
total = 0
for x in [5, 6, 7]:
    total += x
print(total)
print([1, 2] == [1, 2], [1, 2] == [2, 1], [1, 2] != [1, 2, 3], [] == [], [1] == [1.0])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9], [1, 2] <= [1, 2], [3] >= [2, 9])
print(['a', 'b'] < ['a', 'c'], [[1, 2], 3] < [[1, 3], 0], [1, 'x'] == [1, 'x'])
nested = [[1, 2], [3, [4, 5]]]
nested[1][1][0] = 40
print(nested, nested[1][1][-1], len(nested[1]))
x = [0] * 3
x[1] += 5
print(x)
print(list('abc'), list((1, 2)), list(range(4)), list([9]), list({'a': 1, 'b': 2}))
