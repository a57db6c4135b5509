# Conway's game of life on a small torus, printed as text for a few steps.
W = 12
H = 8
def step(grid):
    new = []
    for y in range(H):
        row = []
        for x in range(W):
            n = 0
            for dy in [-1, 0, 1]:
                for dx in [-1, 0, 1]:
                    if dx != 0 or dy != 0:
                        n += grid[(y + dy) % H][(x + dx) % W]
            alive = grid[y][x]
            row.append(1 if n == 3 or (alive and n == 2) else 0)
        new.append(row)
    return new
grid = [[0] * W for i in range(H)]
for x, y in [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2), (7, 4), (8, 4), (9, 4)]:
    grid[y][x] = 1
for gen in range(4):
    print('gen', gen, sum([sum(r) for r in grid]))
    for row in grid:
        print(''.join(['#' if c else '.' for c in row]))
    grid = step(grid)
for gen in range(40):
    grid = step(grid)
print('after 44', sum([sum(r) for r in grid]))
