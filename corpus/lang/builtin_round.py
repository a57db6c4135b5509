# round(x) gives an int with ties to even; round(x, n) is correctly rounded
# as in CPython and keeps the type (int stays int).
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1.0, -1.0, 7, -7, True, 1e15 + 0.5]:
    print(repr(v), round(v))
for v in [2.675, 2.665, 1.005, 0.125, 0.375, -0.125, 1234.5678, -1234.5678, 1e-10, 5e-324, 0.5, 1.5, 2.5]:
    print(repr(v), round(v, 0), round(v, 1), round(v, 2), round(v, 3), round(v, -1), round(v, -2))
for v in [15, 25, -15, -25, 1234, 5, 149, 150, 151, 0, 922337203685477580, -922337203685477580]:
    print(v, round(v, 0), round(v, 1), round(v, -1), round(v, -2), round(v, -3), round(v, -20))
print(round(0.1 + 0.2, 15), round(0.1 + 0.2, 16), round(0.1 + 0.2, 17), round(1e300, 2), round(1e-300, 300))
print(round(123.456, -5), round(-123.456, -5), round(987654.321, -5), round(1.5, 400), round(1.5, -400))
print(isinstance(round(2.5), int), isinstance(round(2.5, 0), float), isinstance(round(25, -1), int))
print(round(float('inf'), 2), round(float('-inf'), -2), round(float('nan'), 1))
for bad in [float('inf'), float('-inf'), float('nan')]:
    try:
        round(bad)
    except OverflowError as e:
        print('OverflowError', e)
    except ValueError as e:
        print('ValueError', e)
try:
    round('1.5')
except TypeError as e:
    print(e)
try:
    round(1.5, 1.0)
except TypeError as e:
    print(e)
