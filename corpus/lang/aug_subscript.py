# Augmented assignment on subscripts: the container and index are evaluated
# once, the item is read, combined and written back.
l = [1, 2, 3]
l[0] += 10
l[-1] *= 5
l[1] -= 7
l[1] **= 2
l[2] //= 4
l[0] %= 4
print(l)
d = {'a': 1, 'b': 'x'}
d['a'] += 1
d['b'] *= 3
d['a'] <<= 4
d['a'] |= 1
d['a'] ^= 3
d['a'] &= 0xff
d['a'] >>= 1
print(d)
grid = [[0, 0], [0, 0]]
for i in range(2):
    for j in range(2):
        grid[i][j] += i * 2 + j
grid[-1][-1] -= 10
print(grid)
calls = []
def idx(i):
    calls.append(i)
    return i
def container():
    calls.append('c')
    return l
container()[idx(0)] += 100
print(l, calls)
counts = {}
for w in 'a b a c b a'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
tally = {'x': 0}
for i in range(5):
    tally['x'] += i
print(tally)
nested = {'k': [1, {'deep': 1.5}]}
nested['k'][1]['deep'] /= 2
nested['k'][0] += 1
print(nested)
strs = ['a']
strs[0] += 'b'
strs[0] *= 2
print(strs)
try:
    t = (1, 2)
    t[0] += 1
except TypeError as e:
    print(e)
try:
    e1 = {}
    e1['missing'] += 1
except KeyError as e:
    print('KeyError', e)
try:
    e2 = [1]
    e2[5] += 1
except IndexError as e:
    print(e)
try:
    s = 'abc'
    s[0] += 'x'
except TypeError as e:
    print(e)
