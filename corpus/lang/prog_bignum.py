# Arbitrary-precision arithmetic on digit lists (base 10**4), so results far
# beyond int64 are computed with small ints only: 100!, 2**200, Fibonacci(300).
BASE = 10000
def from_int(n):
    digits = []
    while n > 0:
        digits.append(n % BASE)
        n //= BASE
    return digits or [0]
def add(a, b):
    out = []
    carry = 0
    for i in range(max(len(a), len(b))):
        s = carry
        if i < len(a):
            s += a[i]
        if i < len(b):
            s += b[i]
        out.append(s % BASE)
        carry = s // BASE
    if carry:
        out.append(carry)
    return out
def mul_small(a, k):
    out = []
    carry = 0
    for d in a:
        p = d * k + carry
        out.append(p % BASE)
        carry = p // BASE
    while carry:
        out.append(carry % BASE)
        carry //= BASE
    return out
def to_str(a):
    s = str(a[-1])
    for i in range(len(a) - 2, -1, -1):
        part = str(a[i])
        s += '0' * (4 - len(part)) + part
    return s
f = from_int(1)
for i in range(2, 101):
    f = mul_small(f, i)
print(to_str(f))
p = from_int(1)
for i in range(200):
    p = mul_small(p, 2)
print(to_str(p))
a, b = from_int(0), from_int(1)
for i in range(300):
    a, b = b, add(a, b)
print(to_str(a))
digit_sum = 0
for ch in to_str(f):
    digit_sum += int(ch)
print(digit_sum, len(to_str(f)))
