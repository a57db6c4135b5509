# Uncaught IndexError from reading past the end of a list in a loop.
items = [10, 20, 30]
i = 0
while True:
    print(items[i])
    i += 1
