# Truth values of every kind of value, through bool(), if, while and not.
vals = [0, 1, -1, 0.0, -0.0, 0.1, float('inf'), float('nan'), '', ' ', '0', 'False', [], [0], [[]],
        (), (0,), {}, {0: 0}, None, True, False, range(0), range(1)]
for v in vals:
    if v:
        r = 'truthy'
    else:
        r = 'falsy'
    print(repr(v), bool(v), r, not v)
n = 3
while n:
    print('n', n)
    n -= 1
l = [1, 2]
while l:
    print('pop', l.pop())
def nothing():
    pass
print(bool(nothing), bool(print), bool(nothing()), bool(len))
print(bool(int), bool(ZeroDivisionError))
