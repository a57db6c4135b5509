# Every shape of try: except/else, finally alone, except/finally,
# except/else/finally; which blocks run when the body raises or not.
def shapes(fail):
    log = []
    try:
        log.append('body')
        if fail:
            raise ValueError('boom')
        log.append('body end')
    except ValueError as e:
        log.append('except ' + str(e))
    else:
        log.append('else')
    finally:
        log.append('finally')
    log.append('after')
    return log
print(shapes(False))
print(shapes(True))
def only_else(fail):
    try:
        if fail:
            raise IndexError('x')
    except IndexError:
        return 'except'
    else:
        return 'else'
print(only_else(False), only_else(True))
def only_finally(fail):
    log = []
    try:
        try:
            log.append('body')
            if fail:
                raise KeyError('k')
        finally:
            log.append('finally')
    except KeyError:
        log.append('outer except')
    return log
print(only_finally(False), only_finally(True))
def except_finally(kind):
    log = []
    try:
        try:
            if kind == 1:
                raise ValueError('v')
            if kind == 2:
                raise TypeError('t')
            log.append('no raise')
        except ValueError:
            log.append('handled value')
        finally:
            log.append('finally')
    except TypeError:
        log.append('outer type')
    return log
print(except_finally(0), except_finally(1), except_finally(2))
def else_raises():
    log = []
    try:
        try:
            log.append('body')
        except ValueError:
            log.append('not for else')
        else:
            log.append('else raises')
            raise ValueError('from else')
        finally:
            log.append('finally')
    except ValueError as e:
        log.append('outer ' + str(e))
    return log
print(else_raises())
x = 0
try:
    x = 1
finally:
    x += 10
print(x)
try:
    pass
except Exception:
    print('nothing')
else:
    print('module-level else')
finally:
    print('module-level finally')
