# Uncaught AssertionError without a message: the last stderr line is just
# the type name.
values = [3, 2, 1]
print(values)
assert values == sorted(values)
