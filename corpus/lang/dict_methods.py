# get, keys, values, items, pop with and without defaults; KeyError wording.
d = {'a': 1, 'b': 2, 'c': 3}
print(d.get('a'), d.get('z'), d.get('z', 'default'), d.get('b', 0), d.get(None), d.get((1, 2), []))
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d.keys():
    print('key', k)
for v in d.values():
    print('value', v)
for k, v in d.items():
    print('item', k, v)
print(len(d.keys()), len(d.values()), len(d.items()), 'a' in d.keys(), 1 in d.values(), ('a', 1) in d.items())
print(sorted(d.values()), sorted(d.keys()), sum(d.values()), max(d.keys()))
print(d.pop('a'), d)
print(d.pop('z', 'absent'), d.pop('b', None), d)
print(d.pop('c', 0), d, len(d))
try:
    d.pop('missing')
except KeyError as err:
    print('KeyError', err)
try:
    print(d['nope'])
except KeyError as err:
    print('KeyError', err)
try:
    print({}[(1, 'a')])
except KeyError as err:
    print('KeyError', err)
try:
    print({}[0.5])
except KeyError as err:
    print('KeyError', err)
try:
    print({1: 1}[''])
except KeyError as err:
    print('KeyError', err)
try:
    d[[1]] = 2
except TypeError as err:
    print('TypeError', err)
try:
    print(d.get({}))
except TypeError as err:
    print('TypeError', err)
m = {1: 'x'}
print(m.get(1.0), m.get(True), m.pop(True), m)
