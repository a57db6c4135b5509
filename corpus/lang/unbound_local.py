# A name assigned anywhere in a function is local throughout it, so reading
# it before the assignment fails (UnboundLocalError, a NameError) even when
# a global of that name exists.
x = 'global x'
def reads_then_assigns():
    try:
        print(x)
    except NameError as e:
        print('NameError:', e)
    x = 'local x'
    return x
print(reads_then_assigns(), x)
def assigns_in_branch(flag):
    if flag:
        y = 'set'
    return y
print(assigns_in_branch(True))
try:
    assigns_in_branch(False)
except NameError as e:
    print('NameError:', e)
def deleted_local():
    z = 1
    del z
    return z
try:
    deleted_local()
except NameError as e:
    print('NameError:', e)
def loop_var_unset():
    for i in range(0):
        pass
    return i
try:
    loop_var_unset()
except NameError as e:
    print('NameError:', e)
def aug_on_global_name():
    x += 1
    return x
try:
    aug_on_global_name()
except NameError as e:
    print('NameError:', e)
def global_ok():
    global x
    x += '!'
    return x
print(global_ok())
