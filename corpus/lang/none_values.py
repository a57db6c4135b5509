# None: its repr, equality, truthiness, functions that return it, and the
# TypeErrors of using it as a number or container.
print(None, repr(None), str(None), [None], {None: None}, (None,))
print(None == None, None != None, None == 0, None == False, None == '', None == [])
def no_return():
    x = 1
def bare_return():
    return
def explicit():
    return None
print(no_return(), bare_return(), explicit())
print(print('inner') is None)
r = [].append(1)
print(r)
ops = ['+', '<', 'len', 'index', 'call', 'iter']
for op in ops:
    try:
        if op == '+':
            None + 1
        elif op == '<':
            None < None
        elif op == 'len':
            len(None)
        elif op == 'index':
            n = None
            n[0]
        elif op == 'call':
            n = None
            n()
        else:
            for x in None:
                pass
    except TypeError as e:
        print(op, e)
