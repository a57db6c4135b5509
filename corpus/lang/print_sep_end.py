# print with sep= and end=, no arguments, and every kind of value.
print()
print('a', 'b', 'c')
print('a', 'b', 'c', sep='')
print('a', 'b', 'c', sep=', ')
print('a', 'b', end='!\n')
print('no newline', end='')
print(' continued')
print(1, 2, sep='\n')
print('x', sep='unused')
print(sep='-')
print(end='')
print('multi', 'char', sep='-=-', end='<end>\n')
print(1, 2.5, None, True, 'str', [1, 'a'], (2,), {'k': 'v'}, sep=' | ')
print('tab', 'sep', sep='\t')
print('a', 'b', sep=None)
print('a', 'b', end=None)
print('empty end', end='')
print('', end='')
print()
for i in range(3):
    print(i, end=' ')
print()
print('done')
try:
    print(1, 2, sep=5)
except TypeError as e:
    print(e)
try:
    print(1, end=[1])
except TypeError as e:
    print(e)
try:
    print('partial', 1 // 0)
except ZeroDivisionError as e:
    print('nothing printed before:', e)
