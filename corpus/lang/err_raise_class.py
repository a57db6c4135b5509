# `raise ValueError` (the class, no message): the last line is the bare type.
print('before')
raise ValueError
