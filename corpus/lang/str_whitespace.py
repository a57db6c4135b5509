# str.split() and str.strip() with no argument, and int()/float(), treat
# every Unicode whitespace character as whitespace, not only ASCII spaces.
chars = ['\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1d', '\x1e', '\x1f', ' ', '\x85', '\xa0', '\u1680',
         '\u2000', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u200b', 'x']
for c in chars:
    s = 'a' + c + 'b'
    print(repr(c), s.split(), len((c + c).strip()), repr((c + 'k' + c).strip()))
print(int('\u3000 42 \xa0'), float('\u2003-1.5\u2003'), int('\x0b7\x0c'))
try:
    print(int('\x1c7\x1f'))
except ValueError as e:
    print(e)
print('\xa0\u3000'.split(), 'a\u3000\u3000b'.split(), ' \x85 '.strip() == '')
