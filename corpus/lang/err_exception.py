# Uncaught plain Exception raised with a message.
def validate(x):
    if x > 10:
        raise Exception('value too large: ' + str(x))
    return x
print(validate(5))
print(validate(50))
