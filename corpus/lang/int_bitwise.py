# & | ^ ~ << >> on ints (two's complement semantics of infinite precision,
# which for int64 values agrees with 64-bit arithmetic), and on bools.
vals = [0, 1, -1, 5, -5, 12, -12, 255, -256]
for a in vals:
    print(a, ~a, a << 3, a >> 1, a >> 2, a >> 63, a >> 64, a >> 1000)
    row = []
    for b in vals:
        row.append(a & b)
        row.append(a | b)
        row.append(a ^ b)
    print(row)
print(1 << 62, -1 << 63, (1 << 62) >> 61)
print(-9223372036854775807 - 1 >> 1, (-9223372036854775807 - 1) >> 63)
print(9223372036854775807 >> 62, 9223372036854775807 & -2)
print(0 << 1000, 5 << 0, 5 >> 0)
print(True & True, True & False, True | False, True ^ True, ~True, ~False)
print(True & 3, 2 | True, True << 4, True >> 1, False << 10)
print(6 & 3 | 8 ^ 1, 1 << 2 + 1, (1 << 2) + 1, -8 >> 1 << 1)
x = 0xFF
x &= 0x0F
x |= 0x100
x ^= 0x1
x <<= 2
x >>= 1
print(x)
