# Escape sequences in str literals beyond the common ones: \r \a \b \f \v,
# octal, \u and \U, line continuation inside a literal, and raw strings.
vals = ['\r', '\a', '\b', '\f', '\v', '\0', '\7', '\101', '\x41', '\u00e9', '\u2713', '\U0001F600', '\\', '\'', '\"']
for v in vals:
    print(repr(v), len(v), ord(v))
print(r'raw \n stays', len(r'\n'), r"raw \" quote", R'\x41')
print('abc\
def')
print("""multi
line with 'single' and "double" quotes""")
print('''it's''', """say "x\"""")
print('\x41\u0042\103')
