# str() and repr() of every kind of value, nested containers included.
vals = [0, -12, 9223372036854775807, 1.5, -0.0, 1e16, float('nan'), float('-inf'), True, False, None,
        'text', "q'uote", '', [], [1, 'a', None], (), (1,), (1, 'a'), {}, {'k': [1, (2,)]},
        [[[]]], {1: {2: {}}}, ('nested', ['list', ('tuple',)])]
for v in vals:
    print(str(v), repr(v), len(str(v)), str(v) == repr(v))
print(str(str(5)), repr(str(5)), repr(repr(5)), str(''), repr(''))
print(str(1) + str(2.0) + str(None) + str([3]))
print(str(range(3)), repr(range(1, 5, 2)))
print(str(ValueError('msg')), repr(str(KeyError('k'))), str(KeyError('k')))
