# append, pop(), pop(i), insert, extend, index, reverse, sort: results,
# return values and error messages.
l = []
print(l.append(1), l)
l.append('two')
l.append([3])
print(l, len(l))
print(l.pop(), l)
print(l.pop(0), l)
l = [0, 1, 2, 3, 4, 5]
print(l.pop(-1), l.pop(-2), l.pop(1), l)
l.insert(0, 'start')
l.insert(len(l), 'end')
l.insert(2, 'mid')
l.insert(100, 'far')
l.insert(-1, 'before last')
l.insert(-100, 'very first')
print(l)
e = [1]
e.extend([2, 3])
e.extend((4,))
e.extend('ab')
e.extend(range(2))
e.extend([])
e.extend({'k': 0})
print(e, e.extend([9]))
e.extend(e)
print(e, len(e))
m = ['a', 'b', 'c', 'b']
print(m.index('a'), m.index('b'), m.index('c'), [1, 2.0, True].index(2), [0, 1].index(True))
r = [1, 2, 3, 4]
print(r.reverse(), r)
r = []
r.reverse()
print(r)
s = [3, 1, 2]
print(s.sort(), s)
for bad in [[], [1, 2]]:
    try:
        bad.pop(5)
    except IndexError as err:
        print('IndexError:', err)
try:
    [].pop()
except IndexError as err:
    print('IndexError:', err)
try:
    m.index('z')
except ValueError as err:
    print('ValueError:', err)
try:
    [1, 2].index(3)
except ValueError as err:
    print('ValueError:', err)
try:
    [1, 'a'].sort()
except TypeError as err:
    print('TypeError:', err)
st = [5, 4]
st.append(st.pop() + st.pop())
print(st)
