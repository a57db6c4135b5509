# assert passes silently on truthy conditions and raises AssertionError with
# the optional message (any value, shown with str()).
assert True
assert 1, 'not shown'
assert [0]
try:
    assert False
except AssertionError as e:
    print('no message:', repr(str(e)))
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print('message:', e)
try:
    assert [], 42
except AssertionError as e:
    print('int message:', e)
try:
    assert None, ['list', 'message']
except AssertionError as e:
    print('list message:', e)
def check(x):
    assert x >= 0, 'negative: ' + str(x)
    return x
print(check(5))
try:
    check(-3)
except AssertionError as e:
    print(e)
def side():
    print('message evaluated')
    return 'msg'
assert True, side()
try:
    assert False, side()
except AssertionError as e:
    print(e)
