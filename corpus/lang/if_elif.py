# if / elif / else chains, nested ifs and pass.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        if n % 2 == 0:
            return 'small even'
        else:
            return 'small odd'
    elif n < 100:
        pass
    else:
        return 'large'
    return 'medium'
for n in [-5, 0, 3, 4, 50, 100, 1000]:
    print(n, classify(n))
x = 5
if x:
    print('x truthy')
if not x:
    print('unreachable')
else:
    print('else branch')
if x > 1:
    if x > 3:
        if x > 4:
            print('deep')
if x == 1: print('one line no')
elif x == 5: print('one line yes')
def fizz(n):
    if n % 15 == 0:
        return 'FizzBuzz'
    elif n % 3 == 0:
        return 'Fizz'
    elif n % 5 == 0:
        return 'Buzz'
    return str(n)
print(' '.join([fizz(i) for i in range(1, 21)]))
