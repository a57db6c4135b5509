# Functions are first-class values: stored in lists and dicts, passed as
# arguments, returned, and rebound.
def double(x):
    return x * 2
def square(x):
    return x * x
def negate(x):
    return -x
def apply(f, x):
    return f(x)
def apply_all(fs, x):
    return [f(x) for f in fs]
def compose_apply(fs, x):
    for f in fs:
        x = f(x)
    return x
def pick(name):
    if name == 'double':
        return double
    return square
ops = {'d': double, 's': square, 'n': negate, 'len': len}
print(apply(double, 5), apply(square, 5), apply(abs, -3), apply(str, 12))
print(apply_all([double, square, negate], 7))
print(compose_apply([double, square, negate], 3))
print(ops['d'](4), ops['s'](4), ops['n'](4), ops['len']('four'))
print(pick('double')(10), pick('other')(10), pick('double') is double)
table = [double, square]
table.append(negate)
print([f(2) for f in table], table[-1](table[0](1)))
alias = square
def square(x):
    return 'redefined'
print(alias(3), square(3))
def choose(flag):
    return double if flag else negate
print(choose(True)(21), choose(False)(21))
dispatch = {}
dispatch['+'] = apply
print(dispatch['+'](double, dispatch['+'](double, 1)))
def twice(f, x):
    return f(f(x))
print(twice(double, 3), twice(len, 'abc') if False else twice(double, 0.5))
handlers = [print, len, sorted]
handlers[0]('printed via list')
print(handlers[2]([3, 1, 2]))
def reducer(f, items, start):
    acc = start
    for it in items:
        acc = f(acc, it)
    return acc
def mul(a, b):
    return a * b
def maxi(a, b):
    return a if a > b else b
print(reducer(mul, [1, 2, 3, 4, 5], 1), reducer(maxi, [3, 9, 2], 0), reducer(max, [3, 9, 2], 0))
print(isinstance(double, int), double == double, double != square)
