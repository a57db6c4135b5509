# try/except: matching by type and by base class (Exception catches every
# listed type), `as name`, str() of the exception, bare except, and the
# first matching clause winning.
def fail(kind):
    if kind == 'zero':
        return 1 // 0
    if kind == 'index':
        return [][0]
    if kind == 'key':
        return {}['k']
    if kind == 'type':
        return 1 + 'a'
    if kind == 'value':
        return int('x')
    if kind == 'name':
        return missing_name_qq
    if kind == 'assert':
        assert False, 'asserted'
    if kind == 'custom':
        raise Exception('custom message')
    if kind == 'overflow':
        return int(float('inf'))
    return 'ok'
kinds = ['zero', 'index', 'key', 'type', 'value', 'name', 'assert', 'custom', 'overflow', 'none']
for kind in kinds:
    try:
        print(kind, 'returned', fail(kind))
    except ZeroDivisionError as e:
        print(kind, 'ZeroDivisionError', e)
    except IndexError as e:
        print(kind, 'IndexError', e)
    except KeyError as e:
        print(kind, 'KeyError', e)
    except TypeError as e:
        print(kind, 'TypeError', e)
    except ValueError as e:
        print(kind, 'ValueError', e)
    except NameError as e:
        print(kind, 'NameError', e)
    except AssertionError as e:
        print(kind, 'AssertionError', e)
    except OverflowError as e:
        print(kind, 'OverflowError', e)
    except Exception as e:
        print(kind, 'Exception', e)
for kind in kinds:
    try:
        fail(kind)
        print(kind, 'no exception')
    except Exception as e:
        print(kind, 'caught as Exception:', str(e))
for kind in kinds:
    try:
        fail(kind)
    except:
        print(kind, 'bare except')
try:
    1 / 0
except Exception:
    print('Exception first')
except ZeroDivisionError:
    print('never reached')
try:
    try:
        [1][5]
    except KeyError:
        print('wrong handler')
except IndexError as e:
    print('outer caught', e)
try:
    raise KeyError('k')
except IndexError:
    print('no')
except KeyError as e:
    print('KeyError str', str(e), 'repr-like', e)
