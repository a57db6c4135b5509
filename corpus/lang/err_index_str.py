# Uncaught IndexError indexing a str with a negative index out of range.
word = 'abc'
print(word[-3])
print(word[-4])
