# Uncaught TypeError from using a list as a dict key.
seen = {}
seen[(1, 2)] = True
print(seen)
seen[[1, 2]] = True
