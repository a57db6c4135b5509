# Dijkstra's shortest paths on a random graph (LCG-generated edges), with a
# binary min-heap written out in the program; prints distance checksums.
N = 12000
EDGES_PER_NODE = 6
seed = 42
def next_rand():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed >> 8
def build_graph(n, k):
    adj = [[] for i in range(n)]
    for u in range(n):
        adj[u].append(((u + 1) % n, 1 + next_rand() % 100))
        for e in range(k - 1):
            v = next_rand() % n
            w = 1 + next_rand() % 1000
            adj[u].append((v, w))
    return adj
def heap_push(heap, item):
    heap.append(item)
    i = len(heap) - 1
    while i > 0:
        parent = (i - 1) // 2
        if heap[parent] <= heap[i]:
            break
        heap[parent], heap[i] = heap[i], heap[parent]
        i = parent
def heap_pop(heap):
    last = heap.pop()
    if not heap:
        return last
    top = heap[0]
    heap[0] = last
    n = len(heap)
    i = 0
    while True:
        left = 2 * i + 1
        if left >= n:
            break
        smallest = left
        right = left + 1
        if right < n and heap[right] < heap[left]:
            smallest = right
        if heap[i] <= heap[smallest]:
            break
        heap[i], heap[smallest] = heap[smallest], heap[i]
        i = smallest
    return top
def dijkstra(adj, source):
    n = len(adj)
    dist = [-1] * n
    heap = [(0, source)]
    while heap:
        d, u = heap_pop(heap)
        if dist[u] >= 0:
            continue
        dist[u] = d
        for v, w in adj[u]:
            if dist[v] < 0:
                heap_push(heap, (d + w, v))
    return dist
adj = build_graph(N, EDGES_PER_NODE)
for source in [0, N // 2]:
    dist = dijkstra(adj, source)
    checksum = 0
    for i in range(N):
        checksum = (checksum * 31 + dist[i]) % 1000000007
    print(source, max(dist), sum(dist), checksum)
