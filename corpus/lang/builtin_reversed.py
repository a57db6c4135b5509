# reversed() of lists, tuples, strs and ranges; it iterates the original
# (not a copy) and is exhausted after one pass.
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed(range(5))))
print(list(reversed(range(1, 10, 3))), list(reversed(range(10, 0, -4))), list(reversed([])), list(reversed('')))
print(''.join(reversed('stressed')), tuple(reversed((1,))))
for v in reversed(['a', 'b']):
    print(v)
r = reversed([1, 2, 3])
print(list(r), list(r))
l = [1, 2, 3]
lr = reversed(l)
l[0] = 'changed'
print(list(lr))
print([x * 2 for x in reversed(range(4))], sum(reversed([1.5, 2.5])), sorted(reversed([2, 3, 1])))
try:
    reversed(5)
except TypeError as e:
    print(e)
