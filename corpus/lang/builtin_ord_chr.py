# ord() and chr() over ASCII, control characters and the edges of Unicode,
# with their errors.
for c in ['a', 'A', '0', ' ', '\n', '\t', '\x00', '\x7f', '~', '\\', "'"]:
    print(repr(c), ord(c))
for n in [0, 9, 10, 32, 48, 65, 97, 126, 127]:
    print(n, repr(chr(n)))
print(ord(chr(1114111)), chr(65) + chr(66), [ord(c) for c in 'abc'], ''.join([chr(c) for c in range(97, 103)]))
print(ord('z') - ord('a'), chr(ord('a') + 25), chr(True), ord(chr(0)))
for n in [-1, 1114112, 2000000]:
    try:
        chr(n)
    except ValueError as e:
        print(e)
    except OverflowError as e:
        print('OverflowError', e)
for bad in ['', 'ab', 1, None, ['a']]:
    try:
        ord(bad)
    except TypeError as e:
        print(e)
for bad in ['a', 1.5, None]:
    try:
        chr(bad)
    except TypeError as e:
        print(e)
shift = ''
for c in 'Hello, World':
    if 'a' <= c <= 'z':
        shift += chr((ord(c) - ord('a') + 13) % 26 + ord('a'))
    elif 'A' <= c <= 'Z':
        shift += chr((ord(c) - ord('A') + 13) % 26 + ord('A'))
    else:
        shift += c
print(shift)
