# min/max with two or more arguments or one iterable; ties keep the first;
# empty sequences and mixed types raise.
print(min(3, 1, 2), max(3, 1, 2), min(1, 2), max(2, 1), min(-1, -1.5), max(-1, -0.5))
print(min([4, 2, 8]), max([4, 2, 8]), min((9, 7)), max('hello'), min('hello'), max(range(10)))
print(min({'b': 1, 'a': 2}), max({'b': 1, 'a': 2}), min([[1, 2], [1, 1]]), max([(1, 'b'), (1, 'a')]))
print(min('apple', 'banana'), max('apple', 'banana', 'cherry'), max(['x']), min([5]))
print(max(1, True), max(True, 1), min(0, False), min(False, 0), max(1, 1.0), max(1.0, 1))
print(min(0.0, -0.0), min(-0.0, 0.0), max(2, 2.5, 2), min(2, 2.5, 2), max(-1, -1.0, -True))
print(max([1, 5, 5.0, 3]), min([3, 1.0, 1, 2]), max(-9223372036854775807 - 1, 9223372036854775807))
print(max([[1], [1, 0]]), min([[], [0]]), max([0.1, 0.2, 0.30000000000000004, 0.3]))
for bad in [[], (), '', {}, range(0)]:
    try:
        print(min(bad))
    except ValueError as e:
        print(e)
    try:
        print(max(bad))
    except ValueError as e:
        print(e)
try:
    max(1, 'a')
except TypeError as e:
    print(e)
try:
    min([1, 2, None])
except TypeError as e:
    print(e)
try:
    max(5)
except TypeError as e:
    print(e)
try:
    min()
except TypeError as e:
    print(e)
