# Dict keys that compare equal are the same key (1, 1.0, True; 2**62 and
# its float), keys that differ only beyond float precision stay distinct.
d = {}
d[4611686018427387904] = 'int'
d[4611686018427387904.0] = 'float'
print(d)
e = {9007199254740993: 'odd int'}
print(9007199254740992.0 in e, 9007199254740993 in e, e.get(9007199254740992.0, 'absent'))
e[9007199254740992.0] = 'float'
print(e, len(e))
f = {-1: 'minus one', -2: 'minus two', -1.0: 'float minus one'}
print(f)
g = {0.5: 'half', 1e300: 'huge', -0.0: 'negzero', 0: 'zero int'}
print(g, g[0.0], g[1e300])
h = {}
for k in [1, 1.0, True, 2, 2.0, 0, False, 0.0, -0.0, (1, 2), (1.0, 2.0), (True, 2)]:
    h[k] = h.get(k, 0) + 1
print(h)
big = {}
for i in range(-500, 500):
    big[i * 1000003] = i
    big[i * 0.5] = -i
print(len(big), big[-500 * 1000003], big[0], big[0.5], big[2], big[-1.5])
