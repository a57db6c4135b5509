# An exception raised while handling another one: the last stderr line
# names the new exception.
try:
    {}['missing']
except KeyError:
    print('handling KeyError')
    [][0]
