# repr of strings chooses quotes like CPython and escapes control characters;
# containers show their elements with repr.
vals = ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\t', 'nl\n', 'cr\r', 'back\\slash',
        '\x00', '\x01', '\x1f', '\x7f', ' ', '', "'", '"', '\'"', '~']
for v in vals:
    print(repr(v), len(repr(v)))
print(vals)
print(['a', 1, 'b'], ('x',), {'k': 'v'}, ["it's"], [''])
print(str('x'), repr(repr('x')), str(['x']), repr(['x']))
print(repr(1), repr(1.5), repr(None), repr(True), repr([None, False]))
