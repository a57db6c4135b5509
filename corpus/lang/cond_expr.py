# Conditional expressions evaluate only the chosen branch.
def loud(v):
    print('eval', v)
    return v
for x in [-2, 0, 3]:
    print(x, 'neg' if x < 0 else 'zero' if x == 0 else 'pos')
print(loud('yes') if True else loud('no'))
print(loud('yes') if 0 else loud('no'))
print([i if i % 2 else -i for i in range(6)])
print((1 if [] else 2) + (3 if [0] else 4))
v = None
print(v if v is not None else 'was None', 'a' if 'b' else 'c')
def sign(n):
    return 1 if n > 0 else -1 if n < 0 else 0
print(sign(10), sign(-10), sign(0), sign(0.0), sign(-0.5))
print(1 if 2 > 1 else 1 / 0)
