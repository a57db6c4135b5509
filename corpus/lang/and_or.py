# and/or short-circuit and yield one of their operands (not a bool); not
# always yields a bool.
def side(name, v):
    print('eval', name)
    return v
print(0 or 'x', '' or 0, [] or {}, None or 0, 1 or 2, 'a' or 'b', 0.0 or -0.0)
print(1 and 2, 0 and 2, 1 and 2 and 3, 'a' and '' and 'c', [] and [1], None and 1)
print(1 and 0 or 'fallback', 0 or 1 and 2, (0 or 0) and 3, not 0, not 'a', not [], not None)
print(side('a', 0) and side('b', 1))
print(side('a', 1) and side('b', 0) and side('c', 2))
print(side('a', 0) or side('b', '') or side('c', 'found') or side('d', 4))
print(side('a', 'short') or side('b', 'never'))
x = None
name = x or 'default'
print(name)
lst = [0, '', None, 3, 'text', [], [0]]
for v in lst:
    print(repr(v), v or 'F', v and 'T', not v)
def first_truthy(a, b, c):
    return a or b or c
print(first_truthy(0, 0, 0), first_truthy(0, 5, 6), first_truthy(None, '', []))
n = 5
print(n > 3 and 'big' or 'small', n > 10 and 'big' or 'small')
if 0 or []:
    print('no')
elif 1 and {}:
    print('no')
elif (not None) and 'yes':
    print('yes')
count = 0
def bump():
    global count
    count += 1
    return count
r = bump() > 5 and bump()
r2 = bump() < 5 or bump()
print(r, r2, count)
