# Shortest round-trip repr of many doubles of every magnitude, produced by
# exact arithmetic from a small LCG (no int leaves 31 bits).
seed = 2024
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
vals = []
for i in range(120):
    m = rnd() / 2147483648.0
    e = rnd() % 80 - 40
    v = m
    if e > 0:
        for k in range(e):
            v = v * 10.0
    else:
        for k in range(-e):
            v = v / 10.0
    if rnd() % 2:
        v = -v
    vals.append(v)
for i in range(0, 120, 4):
    print(vals[i], vals[i + 1], vals[i + 2], vals[i + 3])
fracs = [rnd() % 1000 / 1000 for i in range(20)]
print(fracs)
thirds = [n / 3 for n in range(1, 30)]
print(thirds)
print([n / 7 * 1e20 for n in range(1, 8)], [n / 7 * 1e-20 for n in range(1, 8)])
print([2.0 ** k for k in range(50, 70, 3)], [0.5 ** k for k in range(10, 80, 9)])
