# Floor division floors toward negative infinity and % takes the sign of the
# divisor, for ints and floats alike; divmod agrees with both.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (6, -3), (0, 5), (0, -5), (1, 7), (-1, 7), (1, -7)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (7, 2.5), (-7, 2.5), (1.0, 0.3), (-1.0, 0.3), (0.0, 3), (-0.0, 3), (0.0, -3)]
for a, b in fpairs:
    print(a, b, a // b, a % b, divmod(a, b))
print(-1.0 % 1.0, 1.0 % -1.0, -0.0 % 1.0, 0.0 % -1.0)
print(5 % 1.5, -5 % 1.5, 5 // 1.5, -5 // 1.5)
print(1e300 % 3.0, -1e-300 % 1.0)
print(True // 1, True % 2, 7 // True, -7 % True)
print(float('inf') // 3, float('inf') % 3)
print(3 // float('inf'), 3 % float('inf'), -3 % float('inf'), -3 // float('inf'))
print(divmod(9223372036854775807, 10))
print(divmod(-9223372036854775807 - 1, 10))
print(divmod(-9223372036854775807 - 1, -10))
