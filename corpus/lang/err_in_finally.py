# An exception raised in finally replaces the one in flight.
def f():
    try:
        raise ValueError('first')
    finally:
        print('finally runs')
        raise TypeError('raised in finally')
f()
