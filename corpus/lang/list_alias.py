# Lists are shared by reference: assignment aliases, [x] * n repeats the same
# inner object, slices and list() copy.
a = [1, 2]
b = a
b.append(3)
print(a, b, a is b, a == b)
grid = [[0] * 3] * 2
grid[0][1] = 5
print(grid, grid[0] is grid[1])
rows = [[0] * 3 for i in range(2)]
rows[0][1] = 5
print(rows, rows[0] is rows[1])
c = list(a)
c.append(4)
print(a, c, c is a)
d = {'list': a}
d['list'].append('via dict')
print(a)
def mutate(x):
    x.append('mutated')
    x = ['rebound']
    return x
r = mutate(a)
print(a, r)
t = (a, a)
a.append('tuple sees it')
print(t)
e = [a, [a]]
a.pop(0)
print(e)
