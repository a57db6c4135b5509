# Hot loops whose operands change type part-way (int -> float -> bool ->
# str -> list), functions called with ever-changing argument types, and a
# value flipping between int and float in one accumulator: the shapes a
# specializing interpreter or JIT must guard and deoptimize correctly.
def add(a, b):
    return a + b
def mul(a, b):
    return a * b
def lt(a, b):
    return a < b
acc = 0
for i in range(3000):
    if i < 1000:
        v = i
    elif i < 2000:
        v = i * 0.5
    elif i < 2500:
        v = i % 3 == 0
    else:
        v = -i
    acc = add(acc, v)
print(acc)
results = []
samples = [1, 2.5, True, 'ab', [1], (2,), -3, 0.0, False, 'z']
for rep in range(300):
    for s in samples:
        r = mul(s, 2)
        if rep == 299:
            results.append(r)
print(results)
x = 0
for i in range(4000):
    if i == 2000:
        x = float(x)
    if i == 3000:
        x = int(x)
    x = x + 1
print(x, isinstance(x, int))
cmp_count = 0
for i in range(2000):
    a = i if i % 2 else i * 1.0
    b = 1000 if i < 1500 else 999.5
    if lt(a, b):
        cmp_count += 1
print(cmp_count)
total = 0
for i in range(3000):
    seq = [1, 2, 3] if i % 3 == 0 else (4, 5) if i % 3 == 1 else 'xyz'
    total += len(seq)
    if i % 1000 == 999:
        print(i, seq[-1], total)
div_results = []
for i in range(1, 2001):
    d = i // 7 if i < 1000 else i / 7
    if i % 500 == 0:
        div_results.append(d)
print(div_results)
keys = [1, 'a', (1, 2), 2.5, True, None]
d = {}
for i in range(1200):
    k = keys[i % len(keys)]
    d[k] = d.get(k, 0) + i
print(d)
neg = 0
for i in range(2500):
    v = i if i < 2000 else -0.0
    neg = -v
print(neg, repr(-neg))
