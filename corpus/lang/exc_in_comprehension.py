# An exception inside a list comprehension propagates out of it; the
# partial list is discarded and the target variable is unchanged.
result = 'unchanged'
try:
    result = [10 // x for x in [5, 2, 0, 1]]
except ZeroDivisionError as e:
    print('caught', e)
print(result)
def parse_all(items):
    return [int(s) for s in items]
for items in [['1', '2'], ['3', 'four', '5'], []]:
    try:
        print(parse_all(items))
    except ValueError as e:
        print('ValueError', e)
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return None
print([safe_div(12, d) for d in [1, 0, 5, 0, -5]])
try:
    print([[1, 2][i] for i in range(3)])
except IndexError as e:
    print('IndexError', e)
try:
    print([k for k in [{}['missing']]])
except KeyError as e:
    print('KeyError', e)
