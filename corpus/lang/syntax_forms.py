# Statements and layout forms of Python's grammar: semicolons, explicit
# and implicit line joining, comments, docstring-like expression statements,
# tab indentation, trailing commas, deep parentheses, module-level global.
"""A module docstring is just an expression statement."""
global module_level
module_level = 1; other = 2; print(module_level, other)
total = 1 + \
    2 + \
    3
print(total)
items = [
    1,
    2,  # comment inside a display

    3,
]
print(items, (1,), (1, 2,), {"k": 1,}, len(items,))
def tabbed(x):
	"""Indented with a tab."""
	if x:
		return "yes"
	return "no"
print(tabbed(1), tabbed(0))
def f(a,
      b,
      ):
    return a - b
print(f(10,
        3,
        ))
v = ((((((((((((((((((((1 + 2))))))))))))))))))))
print(v)
w = (
    1
    +
    2
)
print(w)
if True: x = 1; y = 2; print(x + y)
while False: pass
for i in range(2): print(i); print(-i)
   
# a comment line with trailing spaces   

class_ = "names with trailing underscore"
print(class_)
print(not-1, - - 1, +-+1)
long = [i for i in range(3)
        if i
        ]
print(long)
