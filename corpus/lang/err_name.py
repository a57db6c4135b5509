# Uncaught NameError for a name never bound anywhere.
def compute():
    return 6 * 7
print(compute())
print(qqq_nonexistent_variable)
