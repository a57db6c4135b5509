# Comprehension scoping: the first iterable is evaluated in the enclosing
# scope (so [x for x in x] works), the loop variable never leaks, and inner
# clauses see the outer clause's variable.
x = [1, 2, 3]
print([x for x in x], x)
y = 'outer'
pairs = [(y, z) for y in range(2) for z in range(y, 3)]
print(pairs, y)
def f(n):
    n2 = [n for n in range(n)]
    return n, n2
print(f(4))
data = [[1, 2], [3]]
print([v for data in data for v in data], data)
i = 'kept'
print([[i * j for j in range(3)] for i in range(3)], i)
def g(items):
    total = 0
    squares = [it * it for it in items if it > total]
    return squares
print(g([-1, 2, 0, 3]))
