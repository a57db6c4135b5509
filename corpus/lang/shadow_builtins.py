# Module globals and locals may shadow builtins; deleting the global makes
# the builtin visible again.
def count_items(items):
    len = 0
    for x in items:
        len += 1
    return len
print(count_items('abcd'), len('abcd'))
max = 'shadowed max'
print(max)
def uses_max():
    return max
print(uses_max())
del max
print(max(1, 5), uses_max()(2, 3))
def str(x):
    return 'my str of ' + repr(x)
print(str(5))
del str
print(str(5))
def sorted(x):
    return 'not sorting'
print(sorted([3, 1]))
del sorted
print(sorted([3, 1]))
def takes_list(list):
    return list[0]
print(takes_list([9]), list('ab'))
abs = len
print(abs('four'))
del abs
print(abs(-4))
print = print
print('print rebound to itself')
