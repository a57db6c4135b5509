# Dense matrix multiplication on lists of lists, once with floats and once
# with ints reduced modulo a prime; prints checksums of both products.
N = 150
MOD = 1000003
def make_float(n, seed):
    m = []
    for i in range(n):
        row = []
        for j in range(n):
            seed = (seed * 1103515245 + 12345) % 2147483648
            row.append((seed % 2000 - 1000) / 1000.0)
        m.append(row)
    return m, seed
def make_int(n, seed):
    m = []
    for i in range(n):
        row = []
        for j in range(n):
            seed = (seed * 1103515245 + 12345) % 2147483648
            row.append(seed % MOD)
        m.append(row)
    return m, seed
def matmul(a, b, n):
    bt = [[b[j][i] for j in range(n)] for i in range(n)]
    c = []
    for i in range(n):
        ai = a[i]
        row = []
        for j in range(n):
            bj = bt[j]
            s = 0.0
            for k in range(n):
                s += ai[k] * bj[k]
            row.append(s)
        c.append(row)
    return c
def matmul_mod(a, b, n):
    c = []
    for i in range(n):
        ai = a[i]
        row = [0] * n
        for k in range(n):
            aik = ai[k]
            bk = b[k]
            for j in range(n):
                row[j] = (row[j] + aik * bk[j]) % MOD
        c.append(row)
    return c
a, seed = make_float(N, 1)
b, seed = make_float(N, seed)
c = matmul(a, b, N)
trace = 0.0
total = 0.0
for i in range(N):
    trace += c[i][i]
    for j in range(N):
        total += c[i][j]
print(trace, total, c[N - 1][0])
ia, seed = make_int(N, seed)
ib, seed = make_int(N, seed)
ic = matmul_mod(ia, ib, N)
checksum = 0
for row in ic:
    for v in row:
        checksum = (checksum * 31 + v) % 1000000007
print(checksum, ic[0][0], ic[N - 1][N - 1])
