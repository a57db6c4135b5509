# An exception raised deep in a call chain propagates through every frame,
# running each finally block on the way out.
def level(n):
    try:
        if n == 0:
            raise IndexError('raised at the bottom')
        return level(n - 1)
    finally:
        print('leaving level', n)
level(5)
