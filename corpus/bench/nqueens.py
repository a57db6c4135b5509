# N-queens: count every placement by backtracking over columns and the two
# diagonal directions, kept in lists of flags.
N = 12
def solve(n):
    cols = [False] * n
    diag1 = [False] * (2 * n)
    diag2 = [False] * (2 * n)
    placement = [0] * n
    first = []
    count = 0
    row = 0
    col = 0
    while True:
        placed = False
        while col < n:
            if not cols[col] and not diag1[row + col] and not diag2[row - col + n]:
                placed = True
                break
            col += 1
        if placed:
            placement[row] = col
            cols[col] = True
            diag1[row + col] = True
            diag2[row - col + n] = True
            if row == n - 1:
                count += 1
                if not first:
                    first = placement[:]
            else:
                row += 1
                col = 0
                continue
        else:
            if row == 0:
                return count, first
            row -= 1
        col = placement[row]
        cols[col] = False
        diag1[row + col] = False
        diag2[row - col + n] = False
        col += 1
def count_recursive(n, row, cols, d1, d2):
    if row == n:
        return 1
    total = 0
    for c in range(n):
        if not cols[c] and not d1[row + c] and not d2[row - c + n]:
            cols[c] = True
            d1[row + c] = True
            d2[row - c + n] = True
            total += count_recursive(n, row + 1, cols, d1, d2)
            cols[c] = False
            d1[row + c] = False
            d2[row - c + n] = False
    return total
count, first = solve(N)
print(count, first)
print(count_recursive(N - 1, 0, [False] * (N - 1), [False] * (2 * N), [False] * (2 * N)))
