# dict displays, item get/set, membership, len, repr, and key equality across
# int/float/bool.
d = {'a': 1, 'b': 2}
e = {}
print(d, e, len(d), len(e), d['a'], 'a' in d, 'z' in d, 1 in d, 'z' not in d)
d['c'] = 3
d['a'] = 100
print(d, len(d))
mixed = {1: 'int', 2.5: 'float', None: 'none', 'str': 'str', (1, 2): 'tuple', False: 'bool'}
print(mixed)
print(mixed[1], mixed[2.5], mixed[None], mixed['str'], mixed[(1, 2)], mixed[False], mixed[0], mixed[0.0])
mixed[1.0] = 'float one'
mixed[True] = 'bool one'
print(mixed[1], len(mixed))
print({1: 'a', 1.0: 'b', True: 'c'}, {0: 0, False: 1, 0.0: 2})
nested = {'inner': {'x': [1, 2]}}
nested['inner']['x'].append(3)
nested['inner']['y'] = {}
print(nested, nested['inner']['x'][-1])
print({'a': 1} == {'a': 1}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1}, {'a': 1} != {'a': 1.0}, {} == {}, {1: 2} == {1: 3})
counts = {}
for ch in 'mississippi':
    if ch in counts:
        counts[ch] = counts[ch] + 1
    else:
        counts[ch] = 1
print(counts)
keys = []
for k in {'z': 1, 'a': 2, 'm': 3}:
    keys.append(k)
print(keys)
dup = {'k': 1, 'k': 2, 'j': 3, 'k': 4}
print(dup)
print(dict(), dict() == {}, len(dict()))
big = {}
for i in range(1000):
    big[i * 7 % 1000] = i
print(len(big), big[0], big[7], big[999], 500 in big, 1000 in big)
