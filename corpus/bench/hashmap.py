# A dict-heavy workload: counting, updating and deleting pseudo-random keys
# of mixed types (ints, strs, tuples), then iterating in insertion order.
N = 300000
seed = 7
def next_rand():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed >> 4
counts = {}
names = {}
pairs = {}
for i in range(N):
    r = next_rand()
    k = r % 5003
    counts[k] = counts.get(k, 0) + 1
    s = 'key' + str(r % 997)
    if s in names:
        names[s] += r % 10
    else:
        names[s] = 0
    t = (r % 31, r % 17)
    pairs[t] = pairs.get(t, 0) ^ r
    if r % 7 == 0:
        victim = next_rand() % 5003
        if victim in counts:
            del counts[victim]
checksum = 0
for k in counts:
    checksum = (checksum * 31 + k * 7 + counts[k]) % 1000000007
for s, v in names.items():
    checksum = (checksum * 31 + len(s) + v) % 1000000007
for t in pairs:
    checksum = (checksum * 31 + t[0] * 100 + t[1] + pairs[t] % 1000) % 1000000007
print(len(counts), len(names), len(pairs), checksum)
