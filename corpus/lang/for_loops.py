# for over range, list, tuple, str and dict, with break/continue, nesting,
# the loop variable after the loop, and a list growing during iteration.
for i in range(3):
    print('range', i)
for x in [1, 'two', 3.0]:
    print('list', x)
for x in (4, 5):
    print('tuple', x)
for ch in 'hi':
    print('str', ch)
for k in {'b': 1, 'a': 2}:
    print('dict', k)
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print('odd', i)
print('i after loop', i)
for i in range(5):
    pass
print(i)
last = 'unset'
for last in []:
    pass
print(last)
pairs = []
for a in range(3):
    for b in range(3):
        if b > a:
            break
        if a == b:
            continue
        pairs.append((a, b))
print(pairs)
grow = [1, 2, 3]
for v in grow:
    if v < 6:
        grow.append(v + 3)
print(grow)
shrink = [1, 2, 3, 4, 5, 6]
seen = []
for v in shrink:
    seen.append(v)
    if v == 2:
        shrink.pop(0)
print(seen, shrink)
total = 0
for row in [[1, 2], [3], []]:
    for v in row:
        total += v
print(total)
for i in range(3):
    i = i * 10
    print(i)
words = ['apple', 'banana', 'cherry']
for idx in range(len(words)):
    words[idx] = words[idx][::-1]
print(words)
for c in 'abc':
    for d in 'xy':
        print(c + d, end=' ')
print()
