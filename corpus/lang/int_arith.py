# Integer +, -, * and // / % on every sign combination, and values near the
# int64 edges whose results still fit (CPython and lockstep agree on them).
values = [0, 1, -1, 7, -7, 2, -2, 13, -13, 100]
for a in values:
    row = []
    for b in values:
        row.append(a + b)
        row.append(a - b)
        row.append(a * b)
    print(a, row)

big = 9223372036854775807
small = -9223372036854775807 - 1
print(big, small)
print(big - 1, small + 1)
print(big + small)
print(small + big)
print(big // 2, big % 2)
print(small // 2, small % 2)
print(small // -3, small % -3)
print(big * 1, small * 1, big * -1)
print(-big)
print(3037000499 * 3037000499)
print(-3037000499 * 3037000499)
print(4611686018427387904 + 4611686018427387903)
print(-4611686018427387904 - 4611686018427387904)
print(small // big, small % big)
print(big // small, big % small)
x = 1
for i in range(62):
    x = x * 2
print(x, x - 1 + x)
print(0 * -5, -0)
print(10 - 20 - 30, 2 * 3 * 4 * 5)
print(1 + 2 * 3 - 4 // 2, (1 + 2) * (3 - 4) // 2)
print(-2 * -3, -2 - -3, +5, -(-5))
print(-4611686018427387904 * 2, (-2) ** 63, -1 * -9223372036854775807, 3037000499 ** 2, abs(-9223372036854775807))
print(-9223372036854775807 - 1 + 0, 0 - 9223372036854775807, -9223372036854775807 - 1 - -1, 2 ** 62 + (2 ** 62 - 1))
