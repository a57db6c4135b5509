# List comprehensions with one or more for/if clauses, over every iterable,
# in functions (reading locals) and at module level.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0])
print([x for x in range(20) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(x)])
print([(x, y) for x in range(4) if x % 2 == 0 for y in 'ab'])
print([x * y for x in range(1, 4) for y in range(1, 4) if x != y])
print([x + y + z for x in [100, 200] for y in [10, 20] for z in [1, 2] if z != 2 or y != 20])
print([c.upper() for c in 'hello' if c != 'l'])
print([k for k in {'a': 1, 'b': 2}], [v for k, v in {'a': 1, 'b': 2}.items()])
print([t for t in (3, 1, 2)], [[i] for i in range(3)], [i for i in []])
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
print([i for i, v in enumerate('abcde') if v in 'bd'])
def scaled(values, factor):
    offset = 1
    return [v * factor + offset for v in values if v > offset]
print(scaled([0, 1, 2, 3], 10))
x = 'outer'
squares = [x for x in range(3)]
print(x, squares)
def uses_global():
    return [g * x for g in range(2)]
print(uses_global())
data = [[1, 2, 3], [4, 5], [], [6]]
print([n for row in data for n in row], [len(row) for row in data if row])
print([[n * 2 for n in row] for row in data])
print(sum([n for row in data for n in row if n % 2 == 0]))
print([i for i in range(10) if i > 2 if i < 7 if i != 5])
print(['even' if i % 2 == 0 else 'odd' for i in range(4)])
funcs = [len, sum, max]
print([f([1, 2, 3]) for f in funcs])
print([(i, j) for i in range(3) for j in range(i, 3) if (i + j) % 2 == 0])
