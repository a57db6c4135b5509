# str indexing with negative indices and slicing with every sign of step.
s = 'abcdefghij'
n = len(s)
print(s[0], s[9], s[-1], s[-10], s[n - 1], s[-n])
for i in range(-n, n):
    print(i, s[i], end=' ')
print()
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2], s[3:3], s[5:2])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-1], s[-1:-5:-1], s[2:8:-1], s[::3], s[::-3])
print(s[100:], s[-100:], s[:100], s[:-100], s[-100:100], s[100:-100:-1], s[-100:100:4])
print(s[5:100:-1], s[5::-1], s[:5:-1], s[-2::-3], s[1:-1:1])
print('x'[::-1], ''[::-1], ''[0:0], 'ab'[5:], 'ab'[-5:-4])
i = 3
print(s[i:i + 2], s[i - 10:i], s[-i:], s[i:][::-1])
for step in [1, 2, 3, -1, -2, -3, 11, -11]:
    print(step, s[::step], s[2:7:step], s[7:2:step], s[-3:-8:step])
