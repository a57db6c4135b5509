# Uncaught ValueError from int() of a malformed string.
fields = '12,7,x3'.split(',')
total = 0
for f in fields:
    total += int(f)
    print('total', total)
