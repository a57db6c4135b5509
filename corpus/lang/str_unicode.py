# str is a sequence of code points: len, indexing and slicing count code
# points, not UTF-8 bytes; printable non-ASCII characters repr as themselves.
s = 'héllo wörld ✓ 日本'
print(s, len(s), s[1], s[-1], s[-2:], s[::-1], s[6:11])
print(ord('é'), ord('✓'), ord('日'), chr(233), chr(10003), chr(26085), chr(128512))
print(len(chr(128512)), len('😀x'), '😀x'[1], ord('😀'))
print(repr('é'), repr('日本'), ['ö', '✓'], repr('\xe9'), '\xe9' == 'é')
print('é' < 'z', 'z' < 'é', 'é' in s, 'wör' in s, s.find('w'), s.find('✓'))
print('ö-ä-ü'.split('-'), '|'.join(['α', 'β']), 'αβγ'.replace('β', 'b'), ' ü '.strip())
print('ABC'.lower(), 'abc-é'.upper()[:4])
for ch in 'aé✓':
    print(ch, ord(ch))
print(sorted(['b', 'é', 'a', 'z', 'É']))
