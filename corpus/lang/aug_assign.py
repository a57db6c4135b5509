# Every augmented assignment operator on names, with ints, floats, strs,
# lists and bools.
x = 10
x += 5
print(x)
x -= 20
print(x)
x *= -3
print(x)
x //= 4
print(x)
x %= 5
print(x)
x **= 3
print(x)
x /= 2
print(x)
x = 0b1100
x &= 0b1010
print(x)
x |= 0b0101
print(x)
x ^= 0b1111
print(x)
x <<= 3
print(x)
x >>= 2
print(x)
f = 1.5
f += 1
f *= 2
f -= 0.5
f /= 4
f //= 0.25
f %= 3
f **= 2
print(f)
s = 'ab'
s += 'cd'
s *= 2
print(s)
l = [1, 2]
l *= 3
print(l)
l += [0]
print(l)
b = True
b += True
print(b)
b = False
b |= True
print(b)
b &= False
print(b)
n = -7
n //= 2
print(n)
n = -7
n %= 3
print(n)
m = 7
m %= -3
print(m)
try:
    z = 5
    z //= 0
except ZeroDivisionError as e:
    print(e, z)
try:
    q = 'x'
    q -= 'y'
except TypeError as e:
    print(e, q)
try:
    sh = 1
    sh <<= -1
except ValueError as e:
    print(e, sh)
