# Chained comparisons: a < b < c means a < b and b < c with b evaluated
# once, stopping at the first false link.
def val(name, v):
    print('eval', name)
    return v
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 2 > 0, 1 == 1 == 1, 1 == 1 != 1, 0 < 0 <= 0)
print(1 < 2 == 2, 2 == 2 < 1, 'a' < 'b' < 'c', [1] < [2] < [3], 1 < 2.5 < 3)
print(val('a', 1) < val('b', 2) < val('c', 3))
print(val('a', 3) < val('b', 2) < val('c', 1))
print(val('a', 1) < val('b', 5) > val('c', 2) != val('d', 2))
x = 5
print(0 <= x < 10, 0 <= x < 5, 0 < x <= 5, x == 5 == x, -1 < -x)
l = [1, 2]
print(1 in l in [l], 3 not in l in [l], 1 in l not in [l], 1 < 2 in [True])
print((1 < 2) is True, None is None is None, None is not None is None)
r = 2 < 3 < 4
print(r, not 1 < 2 < 3, (1 < 2) < 3, 1 < (2 < 3))
i = 0
while 0 <= i < 3:
    i += 1
print(i)
def mid(lo, v, hi):
    return lo <= v <= hi
print(mid(1, 2, 3), mid(1, 0, 3), mid(1, 4, 3), mid('a', 'b', 'c'))
try:
    print(1 < 2 < 'x')
except TypeError as e:
    print(e)
print(2 < 1 < 'x')
