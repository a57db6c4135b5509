# The str methods of the subset: join, split, upper, lower, startswith,
# endswith, find, replace, strip, with their edge cases.
print(', '.join(['a', 'b', 'c']), ''.join(['x', 'y']), '-'.join([]), '-'.join(['solo']))
print('-'.join('abc'), '+'.join(('1', '2')), ' '.join(['', '', '']), 'ab'.join(['1', '2', '3']))
d = {'k1': 1, 'k2': 2}
print(','.join(d), '/'.join(sorted(['b', 'a'])))
print('Hello World 123'.upper(), 'Hello World 123'.lower(), ''.upper(), '123'.lower())
print('MiXeD_CaSe!'.lower(), 'already'.lower(), 'ALREADY'.upper())
s = 'hello world'
print(s.startswith('hello'), s.startswith('world'), s.startswith(''), s.startswith(s), s.startswith(s + '!'))
print(s.endswith('world'), s.endswith('hello'), s.endswith(''), s.endswith('d'), ''.endswith(''), ''.endswith('a'))
print(s.find('o'), s.find('world'), s.find('z'), s.find(''), s.find('hello world!'), ''.find(''), ''.find('a'))
print(s.find('l'), s.find('lo'), s.find('d'), 'aaa'.find('aa'))
print(s.replace('l', 'L'), s.replace('world', 'there'), s.replace('z', 'y'), s.replace('', '-'))
print('aaaa'.replace('aa', 'b'), 'abc'.replace('abc', ''), ''.replace('', 'x'), 'a.b.c'.replace('.', '..'))
print('[' + '  padded  '.strip() + ']', '[' + '\t\n x y \r\n'.strip() + ']', '[' + ''.strip() + ']', '[' + '   '.strip() + ']')
print('[' + 'nospace'.strip() + ']')
print(s.upper().lower() == s, s.replace('o', '0').upper())
t = 'a,b,,c'
print(t.split(','), t.split(',,'), t.split('x'), t.split('a,b,,c'))
print('  one  two\tthree\nfour  '.split(), ''.split(), '   '.split(), 'x'.split())
print(''.split(','), ','.split(','), 'abcabc'.split('bc'), 'aaa'.split('a'), 'aaa'.split('aa'))
words = 'the quick brown fox'.split()
print(len(words), words[-1], '_'.join(words).upper())
print('x=1;y=2'.split(';')[1].split('=')[1])
