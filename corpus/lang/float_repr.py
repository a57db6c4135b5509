# Float repr/str: the shortest string that round-trips, with CPython's choice
# between positional and exponent notation (exponent from 1e16 and below 1e-4).
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, 2.5, 100.0, 1e15, 1e16, 1e17, 123456789012345678.0,
        1234567890123456.7, 0.0001, 0.00001, 0.000123, 1e-05, 1.5e-07, 1e22, 1e23,
        5e-324, 2.2250738585072014e-308, 1.7976931348623157e+308, 1 / 3, 2 / 3,
        9007199254740993.0, 0.3, 3.14159, 2.718281828459045, 1e100, 1.23e-100,
        -0.0, 0.0, -1.5, -1e16, -1e-5, 12345.678, 999999999999999.9, 9999999999999998.0,
        0.1 * 3, 1.1 * 1.1, 4.35 * 100, 1e16 + 1, 1e16 + 2, 2.0 ** 60, 2.0 ** 70]
for v in vals:
    print(v, repr(v), str(v))
print([0.1, 1e16, -0.0, 1e-05])
print((2.5,), {1.5: 0.25})
print(float(10), float(-3), float(True))
