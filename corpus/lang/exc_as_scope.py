# The `as` name of an except clause is deleted when the handler ends.
err = 'before'
try:
    1 / 0
except ZeroDivisionError as err:
    print('inside', err)
try:
    print(err)
except NameError as e:
    print('NameError', e)
