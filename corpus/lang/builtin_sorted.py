# sorted() returns a new list from any iterable and leaves its input alone.
l = [5, 2, 9, 1]
s = sorted(l)
print(s, l, s is l)
print(sorted('banana'), sorted(('b', 'a')), sorted({3: 'x', 1: 'y', 2: 'z'}), sorted(range(3, -3, -1)))
print(sorted([2.5, -1, 0, True, -0.5]), sorted(['B', 'a', 'C', 'b']), sorted([[2], [1, 5], [1]]))
print(sorted([(2, 'a'), (1, 'b'), (2, ''), (1, 'a')]), sorted([]), sorted(''), sorted([7]))
print(sorted([-1, -10, 10, 1, 0, -0.0, 0.0]), sorted(['', ' ', 'a', 'A', '0']))
d = {'pear': 3, 'apple': 1, 'fig': 2}
for k in sorted(d):
    print(k, d[k])
print(sorted(d.values()), sorted(d.items()))
words = 'the quick brown fox jumps over the lazy dog'.split()
print(sorted(words))
x = 7
lst = []
for i in range(30):
    x = (x * 31 + 11) % 101
    lst.append(x)
print(sorted(lst))
try:
    sorted([1, 'b'])
except TypeError as e:
    print(e)
try:
    sorted(5)
except TypeError as e:
    print(e)
