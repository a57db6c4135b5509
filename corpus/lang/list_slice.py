# List (and tuple) slicing with negative indices and negative steps; slices
# are new lists.
l = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(l[2:5], l[:3], l[7:], l[-3:], l[:-3], l[-5:-2], l[3:3], l[5:2])
print(l[::2], l[1::2], l[::-1], l[::-2], l[8:2:-1], l[-1:-5:-1], l[2:8:-1], l[::-3])
print(l[100:], l[-100:], l[:100], l[:-100], l[-100:100], l[100:-100:-1], l[5::-1], l[:5:-1])
for step in [1, 2, 4, -1, -2, -4, 20, -20]:
    print(step, l[::step], l[1:8:step], l[8:1:step], l[-2:-9:step])
c = l[:]
c[0] = 'changed'
print(l[0], c[0], c == l, l[:] == l, l[:] is l)
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-1], t[-2:], t[:0], t[::2], t[4:0:-2])
r = l[2:8]
r.append('x')
print(r, len(l))
nested = [[1, 2], [3, 4]]
shallow = nested[:]
shallow[0][0] = 99
print(nested, shallow)
i = 2
j = -2
print(l[i:j], l[j:i:-1], l[i - 1:j + 1], l[-i:], l[:i])
try:
    print(l[::0])
except ValueError as e:
    print('ValueError:', e)
try:
    print('abc'[1:2:0])
except ValueError as e:
    print('ValueError:', e)
