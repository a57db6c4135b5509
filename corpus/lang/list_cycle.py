# A list that contains itself prints as [...] at the point of recursion.
a = [1, 2]
a.append(a)
print(a, len(a), a[2][2][0])
b = [a, 'b']
print(b)
d = {'self': None}
d['self'] = d
print(d)
mix = [d]
d['list'] = mix
print(mix)
a.pop()
d.pop('self')
d.pop('list')
print(a, d)
