# Long loops where something changes under them: a global rebound, a
# function redefined, a branch whose direction flips, exceptions raised and
# caught every iteration, a list growing and shrinking, recursion inside.
SCALE = 1
def scaled(v):
    return v * SCALE
def op(v):
    return v + 1
total = 0
for i in range(5000):
    if i == 2500:
        SCALE = 3
    total += scaled(i)
print(total)
def op_b(v):
    return v - 1
acc = 0
for i in range(5000):
    if i == 3000:
        op = op_b
    acc = op(acc)
print(acc)
flips = 0
for i in range(6000):
    if (i // 1500) % 2 == 0:
        flips += 1
    else:
        flips -= 2
print(flips)
caught = 0
for i in range(3000):
    try:
        if i % 3 == 0:
            raise ValueError('multiple of three')
        x = 10 // (i % 5)
    except ValueError:
        caught += 1
    except ZeroDivisionError:
        caught += 100
print(caught)
stack = []
for i in range(5000):
    if i % 7 < 4:
        stack.append(i)
    elif stack:
        stack.pop()
print(len(stack), stack[-3:], sum(stack))
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
deep = 0
for i in range(300):
    deep += depth(i % 50)
print(deep)
counts = [0] * 10
i = 0
while i < 20000:
    counts[i * 7 % 10] += 1
    i += 1
print(counts)
s = ''
for i in range(2000):
    s += chr(97 + i % 26)
    if len(s) > 50:
        s = s[25:]
print(s, len(s))
before = 0
after = 0
limit = 9223372036854775807 - 3000
for i in range(4000):
    v = 9223372036854775807 - i
    if v > limit:
        before += 1
    else:
        after += 1
print(before, after)
fl = 0.0
for i in range(10000):
    fl += 0.1
print(fl, fl == 1000.0, round(fl, 6))
