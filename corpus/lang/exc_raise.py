# raise with an exception class or instance, with and without message, of
# every listed type, caught and printed with str().
types = [Exception, ZeroDivisionError, OverflowError, IndexError, KeyError, TypeError, ValueError,
         NameError, AssertionError, RecursionError]
for t in types:
    try:
        raise t
    except Exception as e:
        print('class', repr(str(e)), isinstance(e, t), isinstance(e, Exception))
    try:
        raise t('with message')
    except Exception as e:
        print('instance', str(e), isinstance(e, t))
    try:
        raise t()
    except Exception as e:
        print('empty instance', repr(str(e)))
try:
    raise KeyError('quoted key')
except KeyError as e:
    print(e)
try:
    raise KeyError(42)
except KeyError as e:
    print(e)
try:
    raise ValueError(42)
except ValueError as e:
    print(e)
def raiser(flag):
    if flag:
        raise ValueError('raised from function')
    return 'not raised'
print(raiser(False))
try:
    raiser(True)
except ValueError as e:
    print(e)
e_saved = None
try:
    raise IndexError('kept')
except IndexError as e:
    e_saved = e
print(str(e_saved), isinstance(e_saved, IndexError))
try:
    raise ZeroDivisionError('custom zero')
except ZeroDivisionError as e:
    print('caught', e)
