# bool is a subtype of int: True and False take part in arithmetic as 1 and 0
# and are equal (and hash equal) to 1 and 0, but print as True/False.
t = True
f = False
print(t + t, t + 1, t - f, t * 7, f * 7, t / 2, t // 1, t % 2, -t, +t, ~t, t ** 3)
print(t + 1.5, f * 2.5, t == 1, f == 0, t == 1.0, t != 2, t is True, f is False)
print(t < 2, f < t, t > f, t >= 1, max(t, 1), max(1, t), min(0, f), min(f, 0))
print(t & t, t | f, t ^ t, t & 1, t | 2, 3 ^ t)
print(sum([t, t, f, t]), sum([t, 0.5]), abs(t), abs(f), divmod(t, t))
print(str(t), repr(f), str(t + 0), isinstance(t, int), isinstance(1, bool), isinstance(t, bool))
print(int(t), float(f), bool(1), bool(0), bool(2), bool(-1), bool(0.0), bool(0.1))
d = {1: 'int one'}
d[True] = 'bool one'
print(d, d[1], d[1.0], len(d))
d2 = {True: 'a', 1: 'b', 1.0: 'c'}
print(d2)
d3 = {0: 'zero'}
print(d3[False], False in d3, True in d3)
lst = ['a', 'b', 'c']
print(lst[True], lst[False], lst[-True], 'xyz'[True])
print([t] * 3, 'ab' * t, 'ab' * f, [1, 2] * True)
print(t == (1 == 1), (2 > 1) + (3 > 1), (1 > 2) * 10)
print(sorted([True, 0, 1, False, 2, -1]), sorted([1, True, 1.0]), sorted([True, 1, 1.0]))
print(round(True), round(True, 2), round(False))
x = True
x += 1
print(x)
y = False
y -= 1
print(y)
