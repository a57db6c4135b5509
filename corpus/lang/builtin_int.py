# int() from ints, bools, floats (truncating toward zero) and strs (parsed
# like CPython: whitespace, sign, underscores between digits), with errors.
print(int(5), int(-5), int(True), int(False), int(3.9), int(-3.9), int(0.5), int(-0.5), int(-0.0), int(1e15))
print(int(9007199254740993.0), int(-9.2e18), int(2.0 ** 62), int(1e-300), int(123.0))
for s in ['0', '42', '-42', '+7', '  13  ', '\t-8\n', '007', '-0', '1_000', '9223372036854775807',
          '-9223372036854775808', '00', ' +0 ']:
    print(repr(s), int(s))
for s in ['', ' ', 'abc', '1.5', '12a', '--1', '+-1', '0x10', '1__0', '_1', '1_', '1e3', '4 2', 'inf']:
    try:
        print(repr(s), int(s))
    except ValueError as e:
        print(e)
for bad in [None, [1], (1,), {}]:
    try:
        int(bad)
    except TypeError as e:
        print(e)
for f in [float('inf'), float('-inf'), float('nan')]:
    try:
        int(f)
    except OverflowError as e:
        print('OverflowError', e)
    except ValueError as e:
        print('ValueError', e)
print(int('12') + int('-3'), int(str(-77)), int(float('2.99')), int(int(5.5)))
print(isinstance(int('5'), int), int(' 1' + '2 '))
