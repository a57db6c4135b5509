# Module globals read from functions, rebound with `global`, created by a
# function, and shadowed by locals.
counter = 0
name = 'module'
def increment():
    global counter
    counter += 1
    return counter
def read_only():
    return counter * 10
def shadow():
    name = 'local'
    return name
def create():
    global created
    created = 'made inside'
increment()
increment()
print(counter, read_only(), shadow(), name)
create()
print(created)
def uses_later():
    return later_defined + 1
later_defined = 41
print(uses_later())
later_defined = 99
print(uses_later())
def f():
    return 'first f'
def caller():
    return f()
print(caller())
def f():
    return 'second f'
print(caller())
def swap_f():
    global f
    f = shadow
swap_f()
print(caller())
total = []
def add(v):
    total.append(v)
add(1)
add(2)
print(total)
def multi():
    global counter, name
    counter = 100
    name = 'changed'
multi()
print(counter, name)
for loop_var in range(3):
    pass
def see_loop_var():
    return loop_var
print(see_loop_var())
def set_many(n):
    global acc
    acc = 0
    for i in range(n):
        acc += i
set_many(10)
print(acc)
