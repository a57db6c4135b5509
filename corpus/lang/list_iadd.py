# `+=` on a list extends it in place (other references see the change) and
# accepts any iterable; `+` makes a new list and needs a list.
a = [1]
b = a
a += [2]
print(a, b, a is b)
a = a + [3]
print(a, b, a is b)
c = [0]
alias = c
c += (1, 2)
c += 'xy'
c += range(2)
print(c, alias)
d = {'k': [1]}
kept = d['k']
d['k'] += [2]
print(d, kept, d['k'] is kept)
e = [[1]]
inner = e[0]
e[0] += [2]
print(e, inner)
rep = [1, 2]
rep_alias = rep
rep *= 2
print(rep, rep_alias, rep is rep_alias)
try:
    f = [1] + (2,)
except TypeError as err:
    print(err)
