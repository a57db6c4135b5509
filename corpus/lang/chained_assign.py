# Chained assignment binds every target to the same object, left to right.
a = b = c = 0
print(a, b, c)
x = y = []
x.append(1)
print(y, x is y)
i, j = j, i = 5, 6
print(i, j)
d = {}
d['k'] = n = len(d) + 1
print(d, n)
l = [0, 0]
l[0] = l[1] = 'same'
print(l)
