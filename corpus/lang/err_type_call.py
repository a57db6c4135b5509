# Uncaught TypeError from calling a function with too many arguments.
def area(w, h):
    return w * h
print(area(2, 3))
print(area(2, 3, 4))
