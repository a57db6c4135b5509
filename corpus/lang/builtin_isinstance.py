# isinstance with the builtin types (bool is an int; int is not a float),
# with a tuple of types, and with exception classes.
vals = [0, True, 1.5, 'a', [], (), {}, None, range(2)]
types = [int, float, bool, str, list, tuple, dict]
for v in vals:
    print(repr(v), [isinstance(v, t) for t in types])
print(isinstance(1, (int, float)), isinstance('a', (int, float)), isinstance(True, (str, bool)), isinstance(1.0, ()))
try:
    raise KeyError('k')
except Exception as e:
    print(isinstance(e, KeyError), isinstance(e, Exception), isinstance(e, IndexError), isinstance(e, ValueError))
try:
    raise RecursionError('r')
except Exception as e:
    print(isinstance(e, RecursionError), isinstance(e, Exception))
def number_kind(x):
    if isinstance(x, bool):
        return 'bool'
    if isinstance(x, int):
        return 'int'
    if isinstance(x, float):
        return 'float'
    return 'other'
print([number_kind(x) for x in [1, True, 1.0, '1', None]])
try:
    isinstance(1, 5)
except TypeError as e:
    print(e)
