# Recursion: naive fib, factorial, Ackermann, Hanoi, mutual recursion,
# recursive list flattening and permutations.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))
moves = []
def hanoi(n, src, dst, via):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves.append(src + dst)
    hanoi(n - 1, via, dst, src)
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)
def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)
def flatten(x, out):
    if isinstance(x, list):
        for item in x:
            flatten(item, out)
    else:
        out.append(x)
    return out
def perms(items):
    if len(items) <= 1:
        return [items]
    result = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in perms(rest):
            result.append([items[i]] + p)
    return result
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + r for r in rest]
print([fib(i) for i in range(20)])
print(fact(20), ack(2, 3), ack(3, 3))
hanoi(4, 'A', 'C', 'B')
print(len(moves), moves[:5])
print(is_even(100), is_odd(7), is_even(7))
print(flatten([1, [2, [3, [4, []]], 5], [[6]]], []))
print(perms([1, 2, 3]), len(perms([1, 2, 3, 4, 5])))
print(depth(900), gcd(1071, 462), gcd(17, 5))
print(power_set(['a', 'b', 'c']))
