# Uncaught ZeroDivisionError from integer modulo inside a function: stdout
# printed before the error must still appear.
def average(values):
    return sum(values) % len(values)
print('start')
print(average([1, 2, 3]))
print(average([]))
print('not reached')
