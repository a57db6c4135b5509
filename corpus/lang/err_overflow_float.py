# OverflowError that CPython also raises: converting an infinite float to int.
x = 1e308
print(x * 10)
print(int(x * 10))
