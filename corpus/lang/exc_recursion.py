# Unbounded recursion raises RecursionError, which can be caught (at any
# depth) and the program continues normally afterwards.
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print('RecursionError', e)
depth_reached = 0
def count(n):
    global depth_reached
    depth_reached = n
    return count(n + 1)
try:
    count(0)
except RecursionError:
    print('deep enough', depth_reached > 500)
def fine(n):
    if n == 0:
        return 0
    return 1 + fine(n - 1)
print(fine(500))
try:
    down(0)
except Exception as e:
    print('as Exception', e)
def catch_inside(n):
    try:
        return catch_inside(n + 1)
    except RecursionError:
        return n
print(catch_inside(0) > 500)
print(fine(400))
