# is / is not: identity of None, True, False, lists, dicts, tuples, functions.
a = []
b = []
c = a
print(a is b, a is c, a is not b, a is not c, a == b)
print(None is None, None is not None, True is True, False is False, True is not False)
x = None
print(x is None, x is not None, (1 == 1) is True, (1 == 2) is False, bool(5) is True, not x is None)
print([] is [], {} is {}, a is a, [a] is [a])
d = {'k': a}
print(d['k'] is a, d is d, d.get('k') is a, d.get('z') is None)
def f():
    pass
g = f
print(f is g, f is not g, f() is None, print is print, len is len)
t = (a, b)
print(t[0] is a, t[1] is b, t[0] is t[1])
l = [a, a]
print(l[0] is l[1], l[0] is b)
z = 0
e = ''
print(z is not None, e is not None, False is not None, [] is not None, None is False)
def ident(v):
    return v
print(ident(a) is a, ident(None) is None, ident(True) is True)
e = a
a = [1]
print(e is a, e, a)
