# Tuple targets: swaps, unpacking from lists/strs/ranges/dicts, nested
# targets, unpacking in for loops, and the unpacking errors.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = 'xyz'
print(x, y, z)
p, q = [10, 20]
r, s, t = range(3)
print(p, q, r, s, t)
(m, n), o = (1, 2), 3
print(m, n, o)
k1, k2 = {'first': 1, 'second': 2}
print(k1, k2)
single, = [42]
print(single)
l = [0, 0, 0]
l[0], l[2] = 'a', 'c'
print(l)
d = {}
d['x'], d['y'] = 1, 2
print(d)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
for key, value in [('one', 1), ('two', 2)]:
    print(key, value)
for idx, (lo, hi) in enumerate([(0, 5), (5, 9)]):
    print(idx, lo, hi)
for k, v in {'a': 1, 'b': 2}.items():
    print(k, v)
def pair():
    return 'left', 'right'
left, right = pair()
print(left, right)
fib = [0, 1]
for step in range(8):
    fa, fb = fib[-2], fib[-1]
    fib.append(fa + fb)
print(fib)
try:
    u, v = [1, 2, 3]
except ValueError as err:
    print(err)
try:
    u, v, w = 'ab'
except ValueError as err:
    print(err)
try:
    u, v = 5
except TypeError as err:
    print(err)
try:
    u, v = None
except TypeError as err:
    print(err)
try:
    (u, v), w = [1, 2], 3
    print(u, v, w)
    (u, v), w = 1, 2
except TypeError as err:
    print(err)
