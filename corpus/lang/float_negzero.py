# -0.0 equals 0.0 but keeps its sign through repr and some operations.
nz = -0.0
pz = 0.0
print(nz, pz, repr(nz), str(nz))
print(nz == pz, nz != pz, nz < pz, nz > pz, nz <= pz, nz >= pz)
print(nz == 0, 0 == nz, nz == False)
print(0.0 * -1, -1 * 0.0, -0.0 + 0.0, 0.0 + -0.0, -0.0 + -0.0, -0.0 - 0.0, 0.0 - 0.0)
print(-pz, -nz, +nz, abs(nz), nz * nz, nz / 3, -0.0 / -3)
print(min(0.0, -0.0), min(-0.0, 0.0), max(0.0, -0.0), max(-0.0, 0.0))
print(int(nz), round(nz), round(nz, 1), round(-0.4), round(-0.4, 0), round(-0.5))
print(bool(nz), not nz, float('-0'), float('-0.0'), -0.0 ** 2, (-0.0) ** 2, (-0.0) ** 3)
d = {0.0: 'zero'}
print(d[-0.0], -0.0 in d, 0 in d)
d[-0.0] = 'negzero'
print(d)
print(sorted([0.0, -0.0, 0, -0.0]), sorted([-0.0, 0.0]))
print([-0.0, 0.0] == [0.0, -0.0], (-0.0,) == (0.0,))
print(str(-0.0 * 5), -0.0 * 0, 0 * -0.0, -0.0 // 1, -0.0 % 1, 0.0 // -1, 0.0 % -1)
