# float() from ints, bools, floats and strs (decimal, exponent, inf/nan in
# any case, surrounding whitespace, underscores), with errors.
print(float(0), float(-5), float(True), float(1.5), float(9007199254740993), float(9223372036854775807))
for s in ['0', '1.5', '-2.25', '+3', ' 4.5 ', '1e3', '1E-3', '.5', '5.', '1_000.5', 'inf', '-inf', 'INF',
          'Infinity', '-infinity', 'nan', 'NaN', '-nan', '1e400', '-1e400', '1e-400', '0.1', '00.100',
          '\n7\t', '123456789012345678901234567890', '2.5e-3', '16']:
    print(repr(s), float(s))
for s in ['', ' ', 'abc', '1.5.2', '1e', 'e3', '--1', '1_', '_1', 'in f', 'nanx', '1,5', '0x10']:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(e)
for bad in [None, [1.0], (1,), {}]:
    try:
        float(bad)
    except TypeError as e:
        print(e)
print(float('1.1') + float('2.2'), float(str(0.1)) == 0.1, float(repr(1 / 3)) == 1 / 3)
