# while loops with break and continue, nested loops, and loop variables that
# survive the loop.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print('i', i)
print('after', i)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print('collatz steps', steps)
outer = 0
found = None
while outer < 10:
    inner = 0
    while inner < 10:
        if outer * inner == 42:
            found = (outer, inner)
            break
        inner += 1
    if found is not None:
        break
    outer += 1
print(found)
count = 0
while True:
    count += 1
    if count >= 1000:
        break
print(count)
x = 10
while x > 0:
    x -= 3
    if x % 2:
        continue
    print('even x', x)
a, b = 0, 1
while b < 1000:
    a, b = b, a + b
print(a, b)
l = [3, 1, 4, 1, 5]
while l and l[-1] != 4:
    l.pop()
print(l)
while False:
    print('never')
