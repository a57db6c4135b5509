# A tiny stack-machine interpreter: programs as lists of tuples, dispatch via
# a dict of functions, errors reported through exceptions.
def op_push(stack, arg):
    stack.append(arg)
def op_add(stack, arg):
    b = stack.pop()
    a = stack.pop()
    stack.append(a + b)
def op_mul(stack, arg):
    b = stack.pop()
    a = stack.pop()
    stack.append(a * b)
def op_div(stack, arg):
    b = stack.pop()
    a = stack.pop()
    stack.append(a // b)
def op_dup(stack, arg):
    stack.append(stack[-1])
def op_swap(stack, arg):
    stack[-1], stack[-2] = stack[-2], stack[-1]
OPS = {'push': op_push, 'add': op_add, 'mul': op_mul, 'div': op_div, 'dup': op_dup, 'swap': op_swap}
def run(program):
    stack = []
    pc = 0
    while pc < len(program):
        name, arg = program[pc]
        if name == 'jnz':
            if stack.pop() != 0:
                pc = arg
                continue
        else:
            OPS[name](stack, arg)
        pc += 1
    return stack
def safe_run(label, program):
    try:
        print(label, run(program))
    except ZeroDivisionError as e:
        print(label, 'ZeroDivisionError', e)
    except IndexError as e:
        print(label, 'IndexError', e)
    except KeyError as e:
        print(label, 'unknown op', e)
safe_run('arith', [('push', 6), ('push', 7), ('mul', None), ('push', 2), ('swap', None), ('div', None)])
safe_run('div0', [('push', 1), ('push', 0), ('div', None)])
safe_run('underflow', [('push', 1), ('add', None)])
safe_run('bad op', [('push', 1), ('nop', None)])
countdown = [('push', 0), ('push', 5),
             ('dup', None), ('push', -1), ('add', None), ('dup', None), ('jnz', 2)]
safe_run('loop', countdown)
safe_run('strings', [('push', 'ab'), ('dup', None), ('add', None), ('push', 3), ('mul', None)])
