# Unary -, +, ~ and not on ints, floats and bools, and their TypeErrors.
for v in [0, 1, -1, 5, -9223372036854775807, 2.5, -0.0, 0.0, True, False]:
    print(repr(v), -v, +v, not v)
for v in [0, 1, -1, 7, True, False, 9223372036854775806, -9223372036854775807]:
    print(v, ~v, ~~v, -~v, ~-v)
print(--5, -+-5, not not 5, not -1, - - -1.5)
for bad in ['s', [1], None]:
    try:
        print(-bad)
    except TypeError as e:
        print(e)
    try:
        print(+bad)
    except TypeError as e:
        print(e)
    try:
        print(~bad)
    except TypeError as e:
        print(e)
try:
    print(~1.5)
except TypeError as e:
    print(e)
print(not 's', not [1], not None, not (), not {})
