# Exceptions across frames, nested try blocks, exceptions raised inside
# handlers and finally blocks, and the program going on after a catch.
log = []
def level3(kind):
    try:
        if kind == 'value':
            raise ValueError('deep value')
        return 'level3 ok'
    finally:
        log.append('level3 finally')
def level2(kind):
    try:
        return level3(kind)
    except TypeError:
        log.append('level2 wrong handler')
    finally:
        log.append('level2 finally')
def level1(kind):
    try:
        return level2(kind)
    except ValueError as e:
        log.append('level1 caught ' + str(e))
        return 'recovered'
print(level1('none'), log)
log = []
print(level1('value'), log)
def handler_raises():
    try:
        [][1]
    except IndexError:
        raise KeyError('raised in handler')
try:
    handler_raises()
except KeyError as e:
    print('outer got KeyError', e)
def finally_replaces():
    try:
        raise ValueError('original')
    finally:
        raise TypeError('replacement')
try:
    finally_replaces()
except TypeError as e:
    print('TypeError', e)
except ValueError as e:
    print('not this', e)
for attempt in range(4):
    try:
        try:
            if attempt == 0:
                raise ValueError('a')
            if attempt == 1:
                raise TypeError('b')
            if attempt == 2:
                raise IndexError('c')
            print('attempt', attempt, 'clean')
        except ValueError as e:
            print('inner value', e)
        except TypeError as e:
            print('inner type', e)
            raise ZeroDivisionError('converted')
    except ZeroDivisionError as e:
        print('outer zero', e)
    except IndexError as e:
        print('outer index', e)
def catch_and_continue(n):
    results = []
    for i in range(n):
        try:
            results.append(10 // (i - 2))
        except ZeroDivisionError:
            results.append('div0')
    return results
print(catch_and_continue(5))
def recurse_raise(n):
    if n == 0:
        raise ValueError('bottom')
    try:
        recurse_raise(n - 1)
    finally:
        print('unwinding', n)
try:
    recurse_raise(3)
except ValueError as e:
    print('caught', e)
try:
    try:
        raise ValueError('first')
    except ValueError:
        try:
            raise KeyError('second')
        except KeyError as e2:
            print('handled second', e2)
        print('still in first handler')
except Exception:
    print('not reached')
print('done')
