# Levenshtein distance by dynamic programming over pairs of pseudo-random
# strings (LCG-generated over a small alphabet); prints the sum of distances.
N = 1200
LENGTH = 60
seed = 12345
def next_rand():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
def random_word(n):
    letters = 'acgt'
    out = []
    for i in range(n):
        out.append(letters[next_rand() // 65536 % 4])
    return ''.join(out)
def distance(a, b):
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ca == b[j - 1] else 1
            best = prev[j] + 1
            if cur[j - 1] + 1 < best:
                best = cur[j - 1] + 1
            if prev[j - 1] + cost < best:
                best = prev[j - 1] + cost
            cur[j] = best
        prev = cur
    return prev[len(b)]
words = [random_word(LENGTH - i % 7) for i in range(N)]
total = 0
checksum = 0
for i in range(0, N, 2):
    d = distance(words[i], words[i + 1])
    total += d
    checksum = (checksum * 131 + d) % 1000000007
for i in range(0, N - 3, 3):
    d = distance(words[i], words[i + 3])
    total += d
    checksum = (checksum * 131 + d) % 1000000007
print(total, checksum)
print(distance('kitten', 'sitting'), distance('', 'abc'), distance('flaw', 'lawn'))
