# mandelbrot (Benchmarks Game): an N x N bitmap of the Mandelbrot set,
# reduced to a checksum of its packed bytes instead of printed.
N = 400
ITER = 50
def mandelbrot(n):
    checksum = 0
    inside_total = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        byte = 0
        bit = 0
        for x in range(n):
            cr = 2.0 * x / n - 1.5
            zr = 0.0
            zi = 0.0
            tr = 0.0
            ti = 0.0
            i = 0
            while i < ITER and tr + ti <= 4.0:
                zi = 2.0 * zr * zi + ci
                zr = tr - ti + cr
                tr = zr * zr
                ti = zi * zi
                i += 1
            byte = byte << 1
            if tr + ti <= 4.0:
                byte = byte | 1
                inside_total += 1
            bit += 1
            if bit == 8:
                checksum = (checksum * 31 + byte) % 1000000007
                byte = 0
                bit = 0
        if bit > 0:
            byte = byte << (8 - bit)
            checksum = (checksum * 31 + byte) % 1000000007
    return checksum, inside_total
checksum, inside = mandelbrot(N)
print(checksum, inside)
