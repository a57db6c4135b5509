# Word frequencies with a dict, then a ranking by (-count, word) and a
# right-aligned table built with string methods only.
text = '''It was the best of times it was the worst of times it was the age of
wisdom it was the age of foolishness it was the epoch of belief it was the
epoch of incredulity it was the season of Light it was the season of Darkness'''
counts = {}
for raw in text.split():
    w = raw.lower().strip()
    counts[w] = counts.get(w, 0) + 1
ranked = sorted([(-c, w) for w, c in counts.items()])
width = max([len(w) for w in counts])
for neg, w in ranked[:8]:
    pad = ' ' * (width - len(w))
    print(pad + w, '#' * -neg, -neg)
print(len(counts), sum(counts.values()))
first_seen = list(counts)
print(first_seen[:6])
