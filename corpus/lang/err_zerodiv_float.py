# Uncaught ZeroDivisionError from float division.
print(1.0 / 4)
print(1.0 / (0.5 - 0.5))
