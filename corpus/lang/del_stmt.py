# del of names, list items (negative indices too) and dict keys, and the
# errors for missing ones.
x = 5
del x
try:
    print(x)
except NameError as e:
    print(e)
x = 'rebound'
print(x)
l = [0, 1, 2, 3, 4, 5]
del l[0]
del l[-1]
del l[1]
print(l)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d, len(d))
d['b'] = 'new'
print(d)
nested = {'inner': [1, 2, 3]}
del nested['inner'][1]
print(nested)
try:
    del l[10]
except IndexError as e:
    print(e)
try:
    del d['zzz']
except KeyError as e:
    print('KeyError', e)
try:
    t = (1, 2)
    del t[0]
except TypeError as e:
    print(e)
try:
    s = 'abc'
    del s[0]
except TypeError as e:
    print(e)
def local_del():
    y = 1
    del y
    return 'deleted local'
print(local_del())
g = 'global'
def del_global():
    global g
    del g
del_global()
try:
    print(g)
except NameError as e:
    print(e)
