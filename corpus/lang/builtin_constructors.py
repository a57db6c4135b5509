# list(), tuple(), dict(), str(), bool() as constructors and conversions.
print(list([]), list('ab'), list((1, 2)), list(range(3)), list({'x': 1, 'y': 2}), list([1, [2]]))
print(tuple(()), tuple('ab'), tuple([1, 2]), tuple(range(2)), tuple({'k': 0}))
print(dict(), len(dict()))
orig = [1, 2]
copy = list(orig)
copy.append(3)
print(orig, copy, list(orig) == orig, list(orig) is orig)
d = dict()
d['k'] = list(reversed('abc'))
print(d)
print(list(enumerate('ab')), tuple(zip('ab', 'cd')), list(sorted({'b': 0, 'a': 0})))
print(list(d.items()), tuple(d.keys()), list(d.values()))
for bad in [5, None, 1.5]:
    try:
        list(bad)
    except TypeError as e:
        print(e)
    try:
        tuple(bad)
    except TypeError as e:
        print(e)
print(str(12) + str(3.5), bool('x'), bool(''), bool([0]), bool(0.0))
