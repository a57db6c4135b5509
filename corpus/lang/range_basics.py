# range with one, two and three arguments, negative steps, empty ranges,
# len, membership, indexing and the argument errors.
print(list(range(5)), list(range(0)), list(range(-3)), list(range(2, 6)), list(range(6, 2)))
print(list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(10, 0, -1)), list(range(-5, 5, 4)))
print(list(range(5, -5, -4)), list(range(0, 1, 10)), list(range(0, -1, 1)), list(range(-1, -10, -2)))
print(len(range(10)), len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)), len(range(5, 0)))
print(range(5), range(1, 10), range(1, 10, 2), range(10, 1, -1))
print(3 in range(5), 5 in range(5), -1 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2), 8 in range(10, 0, -2))
r = range(10, 20, 3)
print(r[0], r[1], r[-1], r[-2], len(r))
total = 0
for i in range(1, 101):
    total += i
print(total)
for i in range(3, 0, -1):
    print(i, end=' ')
print()
print(list(range(True)), list(range(False, True + 2)), sum(range(9223372036854775800, 9223372036854775801)))
print(len(range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904)))
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    range('3')
except TypeError as e:
    print(e)
try:
    print(range(3)[3])
except IndexError as e:
    print(e)
