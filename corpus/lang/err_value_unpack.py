# Uncaught ValueError from unpacking too many values.
point = [1, 2, 3]
print(point)
x, y = point
