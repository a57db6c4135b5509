# tuple displays, indexing, slicing, len, membership, iteration, comparisons
# and use as dict keys.
e = ()
one = (1,)
t = (1, 'two', 3.0, None, [5])
bare = 1, 2, 3
print(e, one, t, bare, len(e), len(one), len(t), (1), ((1,),))
print(t[0], t[-1], t[-5], t[1:3], t[::-1], bare[::2])
print(2 in bare, 5 in bare, 'two' in t, [5] in t, () == (), (1,) == (1,), (1, 2) == [1, 2])
for item in t:
    print(item, end=';')
print()
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 9), (1, 2) <= (1, 2), ('a', 1) < ('b', 0))
print((1, 2) == (1.0, 2), (1, (2, 3)) < (1, (2, 4)), (0, 'x') != (0, 'y'))
d = {(1, 2): 'a', (1,): 'b', (): 'c', ('x', (None, True)): 'd', (1.5, -2): 'e'}
print(d[(1, 2)], d[1, 2], d[(1,)], d[()], d['x', (None, 1)], d[(1.5, -2)])
d[1, 2] = 'changed'
print(d, len(d), (1.0, 2) in d, (True,) in d)
t[4].append(6)
print(t)
try:
    t[0] = 5
except TypeError as err:
    print(err)
try:
    d[(1, [2])] = 0
except TypeError as err:
    print(err)
try:
    print(one[1])
except IndexError as err:
    print(err)
print(tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple(()), tuple({'k': 1}))
nested = ((1, 2), (3, 4))
print(nested[1][0], nested[-1][-1], [x[0] for x in nested])
