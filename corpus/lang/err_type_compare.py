# Uncaught TypeError from ordering an int against None.
scores = [3, None, 1]
best = scores[0]
for s in scores:
    if s > best:
        best = s
print(best)
