# str literals, escapes, concatenation, repetition, len, membership,
# comparisons and iteration.
a = 'single'
b = "double"
c = '''triple
single'''
d = """triple "double" with 'quotes'"""
print(a, b, c, d)
print('tab\there', 'new\nline', 'back\\slash', 'it\'s', "say \"hi\"", '\x41\x42\x43', '\x7e')
print(len('\n'), len('\\n'), len('\x41'), len(''), len(c), len('a\tb'))
print('ab' + 'cd', 'ab' * 3, 3 * 'ab', 'ab' * 0, 'ab' * -2, '' * 5, 'x' + '' + 'y')
print('a' in 'abc', 'bc' in 'abc', 'ac' in 'abc', '' in 'abc', '' in '', 'abc' in 'ab')
print('a' not in 'abc', 'z' not in 'abc')
print('a' < 'b', 'a' < 'B', 'Z' < 'a', 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'b' > 'abc')
print('abc' == 'abc', 'abc' != 'abd', 'abc' <= 'abc', 'abc' >= 'abd', 'a' == 'a ')
print('10' < '9', '-1' < '0', 'A' < '_' < 'a')
for ch in 'hey!':
    print(ch, ord(ch))
s = ''
for word in ['x', 'yy', 'zzz']:
    s += word
    s += '|'
print(s, len(s))
s *= 2
print(s)
print('adjacent' 'literals' " join")
print('''a
b
c'''.split('\n'))
print('line one\
 continued')
