# lockstep-only: int64 overflow
# Uncaught OverflowError from int64 multiplication (CPython would print a big
# integer instead; expected files written by hand from lockstep's documented
# behaviour).
x = 3037000500
print(x)
print(x * x)
