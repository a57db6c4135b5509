# spectral-norm (Benchmarks Game): the spectral norm of the infinite matrix
# A(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), by power iteration.
N = 240
def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)
def mul_av(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out.append(s)
    return out
def mul_atv(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out.append(s)
    return out
def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)
u = [1.0] * N
v = u
for i in range(10):
    v = mul_atav(u, N)
    u = mul_atav(v, N)
vbv = 0.0
vv = 0.0
for i in range(N):
    vbv += u[i] * v[i]
    vv += v[i] * v[i]
print(vbv, vv)
print((vbv / vv) ** 0.5)
