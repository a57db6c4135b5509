# zip stops at the shortest input; enumerate counts from 0 or a given start.
print(list(zip([1, 2, 3], 'abc')), list(zip([1, 2], [3])), list(zip()), list(zip([])), list(zip('ab')))
print(list(zip([1, 2], (3, 4), range(5, 7))), list(zip({'a': 1, 'b': 2}, [10, 20])))
for a, b in zip('xyz', range(10)):
    print(a, b)
print(list(enumerate('abc')), list(enumerate([])), list(enumerate([10, 20], 1)), list(enumerate('ab', -5)))
for i, v in enumerate(['zero', 'one']):
    print(i, v)
for i, (a, b) in enumerate(zip([1, 2], [3, 4])):
    print(i, a, b, a * b)
names = ['a', 'b', 'c']
scores = [3, 1, 2]
print(sorted(zip(scores, names)), [n for s, n in sorted(zip(scores, names))])
print([(i, c) for i, c in enumerate('hey') if c != 'e'])
z = zip([1, 2, 3], [4, 5, 6])
print(list(z), list(z))
e = enumerate('ab')
print(list(e), list(e))
try:
    zip(1, [2])
except TypeError as err:
    print(err)
try:
    enumerate(5)
except TypeError as err:
    print(err)
