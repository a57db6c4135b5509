# A source file with CRLF line endings.
def add(a, b):
    return a + b
x = add(1, 2)
if x == 3:
    print("crlf ok", x)
s = """two
lines"""
print(repr(s), len(s))
