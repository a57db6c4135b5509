# divmod for ints, floats, bools and mixed signs; equals (a // b, a % b).
cases = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 3), (3, 7), (-3, 7), (9223372036854775807, 2),
         (7.5, 2), (-7.5, 2), (7.5, -2), (1, 0.3), (-1e-20, 1), (True, 2), (5, True), (-0.0, 1)]
for a, b in cases:
    q, r = divmod(a, b)
    print(a, b, (q, r), q == a // b, r == a % b, q * b + r)
for a, b in [(1, 0), (1.5, 0), (0, 0.0)]:
    try:
        divmod(a, b)
    except ZeroDivisionError as e:
        print(e)
try:
    divmod('a', 1)
except TypeError as e:
    print(e)
