# Uncaught TypeError from calling a function with too few arguments.
def volume(w, h, d):
    return w * h * d
print(volume(1, 2, 3))
print(volume(1))
