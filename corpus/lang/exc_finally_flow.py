# finally runs on return, break and continue; a return in finally replaces
# the pending return value or exception.
def ret_in_try():
    try:
        return 'from try'
    finally:
        print('finally after return')
def ret_override():
    try:
        return 'try value'
    finally:
        return 'finally value'
def swallow():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
def value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
        print('x set to', x)
print(ret_in_try())
print(ret_override())
print(swallow())
print(value_captured())
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print('body', i)
    finally:
        print('finally', i)
i = 0
while i < 4:
    i += 1
    try:
        try:
            if i % 2:
                continue
            print('even', i)
        finally:
            print('inner finally', i)
    finally:
        print('outer finally', i)
def nested_returns():
    try:
        try:
            return 'inner'
        finally:
            print('inner cleanup')
    finally:
        print('outer cleanup')
print(nested_returns())
def loop_return():
    for i in range(10):
        try:
            if i == 2:
                return i
        finally:
            print('cleanup', i)
print(loop_return())
def finally_raises():
    try:
        return 'never'
    finally:
        raise KeyError('from finally')
try:
    finally_raises()
except KeyError as e:
    print('caught', e)
def break_in_finally():
    for i in range(3):
        try:
            raise ValueError('dropped')
        finally:
            break
    return 'break discarded the exception'
print(break_in_finally())
def continue_in_finally():
    n = 0
    for i in range(3):
        try:
            raise ValueError('dropped')
        finally:
            n += 1
            continue
    return n
print(continue_in_finally())
