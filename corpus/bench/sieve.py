# Sieve of Eratosthenes repeated over a bytearray-like list of flags; prints
# the prime count and a checksum of the primes.
N = 2000000
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    return flags
flags = sieve(N)
count = 0
checksum = 0
last = 0
for k in range(N + 1):
    if flags[k]:
        count += 1
        checksum = (checksum * 7 + k) % 1000000007
        last = k
print(count, last, checksum)
