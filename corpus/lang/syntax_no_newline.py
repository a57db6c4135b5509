# A source file whose last line has no newline.
def f():
    return "no trailing newline"
print(f())