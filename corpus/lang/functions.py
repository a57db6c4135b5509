# def with positional parameters, return values, implicit None, parameters as
# locals, and the call-arity TypeErrors.
def add(a, b):
    return a + b
def nothing():
    pass
def early(x):
    if x:
        return 'early'
    return 'late'
def many(a, b, c, d, e, f, g, h):
    return [a, b, c, d, e, f, g, h]
def modify(x):
    x = x + 1
    return x
print(add(1, 2), add('a', 'b'), add([1], [2]), nothing(), early(1), early(0))
print(many(1, 2, 3, 4, 5, 6, 7, 8))
v = 5
print(modify(v), v)
def no_params():
    return 'none needed'
print(no_params())
def tuple_ret(a):
    return a, a * 2
print(tuple_ret(3))
def fact(n):
    r = 1
    while n > 1:
        r *= n
        n -= 1
    return r
print([fact(i) for i in range(10)])
try:
    add(1)
except TypeError as e:
    print(e)
try:
    add(1, 2, 3)
except TypeError as e:
    print(e)
try:
    no_params(1)
except TypeError as e:
    print(e)
try:
    many(1, 2)
except TypeError as e:
    print(e)
try:
    fact()
except TypeError as e:
    print(e)
def late():
    return undefined_helper_xyz()
try:
    late()
except NameError as e:
    print(e)
def uses_arg_twice(a, b):
    a = a * 2
    b = a + b
    return a, b
print(uses_arg_twice(3, 4))
