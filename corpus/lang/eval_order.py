# Evaluation order: operands and arguments left to right, the right-hand side
# of an assignment before its targets' subscripts, dict displays key then value.
def t(tag, v):
    print(tag, end=' ')
    return v
print(t('a', 1) + t('b', 2) * t('c', 3))
print(t('a', [t('b', 1), t('c', 2)]), t('d', 3))
print({t('k1', 'x'): t('v1', 1), t('k2', 'y'): t('v2', 2)})
l = [0, 0, 0]
l[t('index', 1)] = t('value', 'v')
print(l)
d = {}
d[t('key', 'k')] = t('rhs', 5)
print(d)
l[t('i2', 2)] += t('inc', 10)
print(l)
def f(a, b, c):
    return a * 100 + b * 10 + c
print(f(t('x', 1), t('y', 2), t('z', 3)))
print(t('list', l)[t('sub', 0)])
print(t('cond', 1) if t('test', True) else t('other', 2))
print(t('lo', 1) < t('mid', 2) < t('hi', 3))
x, y = t('r1', 1), t('r2', 2)
print(x, y)
print(t('base', 2) ** t('exp', 3), -t('neg', 4))
print(t('s', 'abc')[t('a', 0):t('b', 2)])
print([t('e', i) for i in t('iter', range(3))])
