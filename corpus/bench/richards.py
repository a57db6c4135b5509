# A richards-like operating-system simulation: tasks with priorities and
# states kept in dicts, packets queued in lists, a scheduler loop dispatching
# on task kind through a dict of functions.
N = 40
IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5
counters = {'qpkt': 0, 'hold': 0, 'switch': 0}
def make_task(ident, priority, kind, packets):
    return {'id': ident, 'pri': priority, 'kind': kind, 'queue': packets, 'held': False,
            'waiting': len(packets) == 0, 'data': {'count': 0, 'dest': HANDLER_A, 'seed': 1}}
def make_packet(dest, kind):
    return {'dest': dest, 'kind': kind, 'datum': 0, 'data': [0, 0, 0, 0]}
def queue_packet(tasks, pkt):
    counters['qpkt'] += 1
    target = tasks[pkt['dest']]
    target['queue'].append(pkt)
    target['waiting'] = False
def run_idle(tasks, task):
    d = task['data']
    d['count'] -= 1
    if d['count'] < 0:
        return False
    d['seed'] = (d['seed'] * 75 + 74) % 65537
    if d['seed'] % 2 == 0:
        tasks[DEVICE_A]['held'] = False
    else:
        tasks[DEVICE_B]['held'] = False
    counters['hold'] += 1
    return True
def run_worker(tasks, task):
    if not task['queue']:
        task['waiting'] = True
        return True
    pkt = task['queue'].pop(0)
    d = task['data']
    d['dest'] = HANDLER_B if d['dest'] == HANDLER_A else HANDLER_A
    pkt['dest'] = d['dest']
    pkt['datum'] = 0
    for i in range(4):
        d['count'] = d['count'] % 26 + 1
        pkt['data'][i] = d['count']
    queue_packet(tasks, pkt)
    return True
def run_handler(tasks, task):
    if not task['queue']:
        task['waiting'] = True
        return True
    pkt = task['queue'][0]
    if pkt['kind'] == 'work':
        if pkt['datum'] < 4:
            dev = make_packet(DEVICE_A if task['kind'] == HANDLER_A else DEVICE_B, 'device')
            dev['datum'] = pkt['data'][pkt['datum']]
            pkt['datum'] += 1
            queue_packet(tasks, dev)
        else:
            task['queue'].pop(0)
            pkt['dest'] = WORKER
            queue_packet(tasks, pkt)
    else:
        task['queue'].pop(0)
    return True
def run_device(tasks, task):
    if not task['queue']:
        task['waiting'] = True
        return True
    pkt = task['queue'].pop(0)
    task['data']['count'] += pkt['datum']
    if task['held']:
        task['queue'].append(pkt)
        return True
    task['held'] = True
    return True
RUNNERS = {IDLE: run_idle, WORKER: run_worker, HANDLER_A: run_handler, HANDLER_B: run_handler,
           DEVICE_A: run_device, DEVICE_B: run_device}
def schedule(count):
    tasks = {}
    tasks[IDLE] = make_task(IDLE, 0, IDLE, [])
    tasks[IDLE]['waiting'] = False
    tasks[IDLE]['data']['count'] = count
    work = [make_packet(WORKER, 'work') for i in range(2)]
    tasks[WORKER] = make_task(WORKER, 1000, WORKER, work)
    tasks[HANDLER_A] = make_task(HANDLER_A, 2000, HANDLER_A, [make_packet(HANDLER_A, 'work') for i in range(3)])
    tasks[HANDLER_B] = make_task(HANDLER_B, 3000, HANDLER_B, [make_packet(HANDLER_B, 'work') for i in range(3)])
    tasks[DEVICE_A] = make_task(DEVICE_A, 4000, DEVICE_A, [])
    tasks[DEVICE_B] = make_task(DEVICE_B, 5000, DEVICE_B, [])
    order = sorted([(-t['pri'], ident) for ident, t in tasks.items()])
    running = True
    while running:
        ran = False
        for neg_pri, ident in order:
            task = tasks[ident]
            if task['waiting'] and ident != IDLE:
                continue
            counters['switch'] += 1
            ok = RUNNERS[task['kind']](tasks, task)
            ran = True
            if not ok:
                running = False
                break
            if ident != IDLE:
                break
        if not ran:
            running = False
    return tasks
checksum = 0
for it in range(N):
    tasks = schedule(1000)
    state = 0
    for ident in range(6):
        state = (state * 131 + tasks[ident]['data']['count'] + 7 * len(tasks[ident]['queue'])) % 1000000007
    checksum = (checksum * 17 + state) % 1000000007
print(counters['qpkt'], counters['hold'], counters['switch'], checksum)
