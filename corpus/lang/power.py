# ** : int ** non-negative int stays int; a negative exponent gives a float.
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4, -2 ** 2, 1 ** 100, (-1) ** 101)
print(2 ** 62, 3 ** 39, (-3) ** 39, 10 ** 18, 7 ** 22)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -3, 1 ** -5)
print(4 ** 0.5, 2 ** 0.5, 8 ** (1 / 3), 2.0 ** 10, 2.5 ** 2, 0.5 ** -2)
print(0.0 ** 0, 0 ** 0.0, 0.0 ** 5, 1.0 ** 1e300)
print((-2.0) ** 2, (-2.0) ** 3, (-0.5) ** -1)
print(float('inf') ** 0, 2 ** float('inf'), 0.5 ** float('inf'))
print(2 ** -1074, 2.0 ** -1075)
print(True ** 5, 2 ** True, False ** 0)
print(2 ** 3 ** 2, (2 ** 3) ** 2, -3 ** 2, (-3) ** 2)
x = 3
x **= 3
print(x)
x **= -1
print(x)
