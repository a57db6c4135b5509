# round(x) and round(x, n) over many computed doubles and digit counts:
# correctly rounded results, ties to even in round(x).
seed = 99
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
for i in range(40):
    v = (rnd() % 2000000 - 1000000) / 1000.0
    w = v / 7
    print(v, round(v), round(w), round(w, 1), round(w, 2), round(w, 3), round(w, -1), round(w, 5))
for k in range(-5, 6):
    print(k, round(k + 0.5), round(k - 0.5), round(k * 2.5), round(k / 2, 0), round(k * 0.125, 2))
halves = [n + 0.5 for n in range(-6, 6)]
print([round(h) for h in halves])
print([round(x / 1000, 2) for x in range(1000, 1100, 5)])
print([round(x * 1.0005, 3) for x in range(1, 12)])
print([round(n, -2) for n in range(-250, 251, 50)])
