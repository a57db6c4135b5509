# len() of every sized type and abs() of every numeric type, with errors.
print(len(''), len('abc'), len('tab\t'), len([]), len([1, [2, 3]]), len(()), len((1,)), len({}), len({1: 2, 3: 4}))
print(len(range(0)), len(range(10)), len(range(1, 10, 2)), len(range(10, 1, -3)), len(range(5, 5)))
print(len('x' * 1000), len([0] * 500), len(list(range(77))), len(str(12345)), len(repr('a')))
print(abs(0), abs(5), abs(-5), abs(-9223372036854775807), abs(2.5), abs(-2.5), abs(-0.0), abs(0.0))
print(abs(True), abs(False), abs(float('-inf')), abs(-1e-320), abs(-7 // 2), abs(-7) // 2)
for bad in [5, 2.5, None, True]:
    try:
        print(len(bad))
    except TypeError as e:
        print(e)
for bad in ['s', [1], None, (1,), {}]:
    try:
        print(abs(bad))
    except TypeError as e:
        print(e)
try:
    len()
except TypeError as e:
    print(e)
try:
    len([], [])
except TypeError as e:
    print(e)
