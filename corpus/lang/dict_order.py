# Dicts iterate in insertion order; deleting and re-inserting a key moves it
# to the end, while overwriting keeps its place.
d = {}
for k in ['e', 'd', 'c', 'b', 'a']:
    d[k] = len(d)
print(list(d))
d['c'] = 'overwritten'
print(d)
del d['d']
print(d)
d['d'] = 'back'
print(d)
print(d.pop('e'), d)
d['e'] = 'again'
print(list(d.items()))
del d['a']
del d['b']
d['b'] = 1
d['a'] = 2
print(d)
n = {}
for i in range(100):
    n[i] = i
for i in range(0, 100, 2):
    del n[i]
for i in range(0, 10):
    n[i * 2] = 'new'
print(list(n)[:5], list(n)[-12:], len(n))
for i in range(100):
    if i in n:
        n.pop(i)
print(n, len(n))
n[5] = 'five'
n[3] = 'three'
print(n)
churn = {}
for round_ in range(50):
    churn[round_] = round_
    if round_ >= 3:
        del churn[round_ - 3]
print(churn)
keys = {'x': 1, 'y': 2, 'z': 3}
for k in ['y', 'x', 'y', 'z', 'x']:
    v = keys.pop(k, None)
    keys[k] = v
print(keys)
