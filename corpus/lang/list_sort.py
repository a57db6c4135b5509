# sort() and sorted() on ints, floats, strs and mixes of int/float/bool;
# the sort is stable, which shows when equal values print differently.
a = [5, 3, -1, 3, 0, 10, -7, 2]
a.sort()
print(a)
f = [2.5, -1.0, 0.1, 1e10, -1e-10, 3.0]
f.sort()
print(f)
s = ['pear', 'apple', 'Banana', 'cherry', '', 'apple pie', 'a']
s.sort()
print(s)
mixed = [3, 1.5, True, 0, -2.5, False, 2]
mixed.sort()
print(mixed)
print(sorted([1, True, 1.0]), sorted([1.0, 1, True]), sorted([True, 1.0, 1]))
print(sorted([0, False, 0.0, -0.0]), sorted([-0.0, 0, False]))
big = []
x = 12345
for i in range(200):
    x = (x * 1103515245 + 12345) % 2147483648
    big.append(x % 1000)
big.sort()
print(big[:10], big[-10:], big[100])
ok = True
for i in range(len(big) - 1):
    if big[i] > big[i + 1]:
        ok = False
print(ok)
print(sorted('hello'), sorted((3, 1, 2)), sorted({'b': 1, 'a': 2}), sorted([]), sorted(range(5, 0, -1)))
t = [[2, 'b'], [1, 'z'], [2, 'a'], [1, 'a']]
t.sort()
print(t)
pairs = [(1, 'b'), (0, 'z'), (1, 'a')]
print(sorted(pairs))
orig = [3, 2, 1]
copy = sorted(orig)
print(orig, copy, orig is copy)
r = [1, 2, 3]
r.sort()
r.reverse()
print(r)
try:
    sorted([1, 'a', 2])
except TypeError as e:
    print(e)
try:
    sorted([[1], (1,)])
except TypeError as e:
    print(e)
try:
    [None, None].sort()
    print('one-kind None list of equal length 2 sorted?')
except TypeError as e:
    print(e)
