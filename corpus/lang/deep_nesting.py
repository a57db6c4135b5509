# Very deep data structures: freeing a million nested lists must not
# recurse on the C stack; repr and == of deep nesting raise RecursionError
# with CPython's wording; hashing a deep tuple works.
l = []
for i in range(1000000):
    l = [l]
print('built lists')
l = 0
print('freed lists')
d = {}
for i in range(200000):
    d = {'k': d, 't': (d,)}
d = None
print('freed dicts')
deep = []
for i in range(100000):
    deep = [deep]
try:
    print(len(repr(deep)))
except RecursionError as e:
    print('RecursionError', e)
a = []
b = []
for i in range(100000):
    a = [a]
    b = [b]
try:
    print(a == b)
except RecursionError as e:
    print('RecursionError', e)
t = ()
for i in range(100000):
    t = (t,)
table = {}
table[t] = 'deep key'
print(len(table))
shallow = []
for i in range(50):
    shallow = [shallow, i]
print(repr(shallow)[:40], len(repr(shallow)))
x = []
y = []
for i in range(50):
    x = [x]
    y = [y]
print(x == y, x != y)
