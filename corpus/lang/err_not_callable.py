# Uncaught TypeError from calling a value that is not a function.
handlers = {'x': 5}
h = handlers['x']
print('calling')
h()
