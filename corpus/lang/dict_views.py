# keys()/values()/items() are live views in CPython: they print as
# dict_keys([...]) and see later changes to the dict.
d = {'a': 1, 'b': 2}
ks = d.keys()
vs = d.values()
its = d.items()
print(ks, vs, its)
d['c'] = 3
print(ks, vs, its, len(ks))
del d['a']
print(list(ks), list(vs), list(its))
print({}.keys(), {}.values(), {}.items())
