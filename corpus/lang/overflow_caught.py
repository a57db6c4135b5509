# lockstep-only: int64 overflow
# Every int operation whose exact result leaves [-2**63, 2**63-1] raises
# OverflowError "integer overflow" in lockstep (CPython gives big ints, so
# the expected files are written by hand from LANGUAGE.md).
big = 9223372036854775807
small = -9223372036854775807 - 1
def attempt(name, op):
    try:
        if op == 'add':
            r = big + 1
        elif op == 'sub':
            r = small - 1
        elif op == 'mul':
            r = big * 2
        elif op == 'neg':
            r = -small
        elif op == 'abs':
            r = abs(small)
        elif op == 'pow':
            r = 2 ** 63
        elif op == 'lshift':
            r = 1 << 63
        elif op == 'floordiv':
            r = small // -1
        elif op == 'aug':
            r = big
            r += 1
        elif op == 'sum':
            r = sum([big, 1])
        elif op == 'literal':
            r = int('9223372036854775808')
        elif op == 'float':
            r = int(1e19)
        elif op == 'divmod':
            r = divmod(small, -1)
        else:
            r = big - 1
        print(name, 'ok', r)
    except OverflowError as e:
        print(name, 'OverflowError', e)
for op in ['add', 'sub', 'mul', 'neg', 'abs', 'pow', 'lshift', 'floordiv', 'aug', 'sum', 'literal', 'float', 'divmod', 'fits']:
    attempt(op, op)
print(small % -1, small // 1, big + small, -big - 1)
x = 1
n = 0
try:
    while True:
        x = x * 3
        n += 1
except OverflowError as e:
    print('mul loop', n, x, e)
x = 9223372036854775807 - 5000
i = 0
try:
    for i in range(10000):
        x += 1
except OverflowError as e:
    print('add loop', i, x, e)
