# NaN compares unequal to everything, itself included, and every ordering
# comparison with it is False.
nan = float('nan')
other = float('nan')
print(nan, -nan, repr(nan), str(nan))
print(nan == nan, nan != nan, nan < nan, nan <= nan, nan > nan, nan >= nan)
print(nan == other, nan != other)
print(nan == 1, nan < 1, nan > 1, 1 < nan, 1 >= nan, nan == 0.0, nan != 0)
print(nan == float('inf'), nan < float('inf'), nan > float('-inf'))
print(1 < nan < 2, nan == nan == nan, not nan == nan)
print(bool(nan), nan + 1, nan * 0, nan - nan, abs(nan))
print(float('inf') - float('inf'), float('inf') * 0, 0 * float('-inf'))
print(max(nan, 1), min(nan, 1), max(1, nan), min(1, nan))
print([nan == x for x in [nan, 1.0, 0.0, float('inf')]])
print(float('nan') == float('nan'), (1.0, 2.0) < (1.0, float('nan')))
if nan:
    print('nan is truthy')
if not (nan > 0) and not (nan <= 0):
    print('nan is neither positive nor non-positive')
