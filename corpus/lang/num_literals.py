# Numeric literal forms the tokenizer must accept, as Python 3 spells them.
print(0, 00, 123, 1_000_000, 0x1F, 0X1f, 0o17, 0O17, 0b1011, 0B1011, 0x_ff)
print(9223372036854775807, -9223372036854775807)
print(1e3, 1E3, 1.e2, .5, 5., 0e0, 0.0, 00.5, 1_000.5, 1_0e1_0, 1e-3, 1e+3, 1.5E-2)
print(0xffffffffffff, 0x7fffffffffffffff, 0b111 + 0o7 + 0x7 + 7)
x = 10
print(x - 1, x -1, x-1, -x, - x, --x, -+-x)
