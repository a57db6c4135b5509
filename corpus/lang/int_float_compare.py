# int/float comparisons are exact in CPython: an int is never rounded to a
# double before comparing (2**53 + 1 differs from 2.0**53).
big53 = 9007199254740993
f53 = 9007199254740992.0
print(big53 == f53, big53 != f53, big53 > f53, big53 < f53, big53 >= f53, big53 <= f53)
print(f53 == big53, f53 < big53, f53 > big53)
print(9007199254740992 == f53, 9007199254740992 <= f53)
imax = 9223372036854775807
fmax = 9223372036854775808.0
print(imax == fmax, imax < fmax, fmax > imax, imax <= fmax)
imin = -9223372036854775807 - 1
print(imin == -fmax, imin <= -fmax, imin < -fmax, imin + 1 > -fmax)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 < -0.5, 0 == -0.0, 0 <= -0.0)
inf = float('inf')
nan = float('nan')
print(imax < inf, imin > -inf, 0 < inf, 0 > -inf)
print(imax == nan, imax < nan, imax > nan, 0 != nan)
print(True == 1.0, False == 0.0, True < 1.5, True > 0.5)
print(3 == 3.0000000000000004, 3 < 3.0000000000000004)
print(max(9007199254740993, 9007199254740992.0), min(9007199254740993, 9007199254740992.0))
print(4503599627370497 == 4503599627370497.0, 4503599627370497 < 4503599627370497.5)
print(18014398509481985 == 18014398509481984.0, 18014398509481985 > 18014398509481984.0)
