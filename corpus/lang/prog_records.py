# Records as dicts and lists of dicts: grouping, aggregation, lookups that
# fail with KeyError handled per record.
people = [
    {'name': 'ann', 'dept': 'eng', 'salary': 120, 'age': 31},
    {'name': 'bob', 'dept': 'ops', 'salary': 90, 'age': 45},
    {'name': 'cid', 'dept': 'eng', 'salary': 105, 'age': 28},
    {'name': 'dee', 'dept': 'sales', 'salary': 70},
    {'name': 'eve', 'dept': 'ops', 'salary': 95, 'age': 39},
]
by_dept = {}
for p in people:
    d = p['dept']
    if d not in by_dept:
        by_dept[d] = []
    by_dept[d].append(p['name'])
print(by_dept)
totals = {}
for p in people:
    totals[p['dept']] = totals.get(p['dept'], 0) + p['salary']
for dept in sorted(totals):
    print(dept, totals[dept], totals[dept] / len(by_dept[dept]))
ages = []
for p in people:
    try:
        ages.append(p['age'])
    except KeyError as e:
        print('missing', e, 'for', p['name'])
print(sum(ages) / len(ages), min(ages), max(ages))
oldest = people[0]
for p in people:
    if p.get('age', 0) > oldest.get('age', 0):
        oldest = p
print(oldest['name'])
index = {}
for i, p in enumerate(people):
    index[p['name']] = i
print(index, people[index['cid']]['salary'])
raise_pct = {'eng': 10, 'ops': 5}
for p in people:
    p['salary'] += p['salary'] * raise_pct.get(p['dept'], 0) // 100
print([(p['name'], p['salary']) for p in people])
