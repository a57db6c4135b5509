# A richards-like operating-system simulation: tasks with priorities and
# state kept in dicts, packets passed between queues held in lists, and a
# scheduler that always runs the highest-priority runnable task, dispatching
# on its kind through a dict of functions.
N = 80
IDLE_RUNS = 1000
IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5
counters = {'qpkt': 0, 'hold': 0, 'switch': 0}
def make_task(ident, priority, kind):
    return {'id': ident, 'pri': priority, 'kind': kind, 'queue': [], 'devq': [], 'held': False,
            'outstanding': False, 'count': 0, 'dest': HANDLER_A, 'seed': 1}
def make_packet(dest, kind):
    return {'dest': dest, 'kind': kind, 'datum': 0, 'data': [0, 0, 0, 0]}
def send(tasks, pkt, to_devq):
    counters['qpkt'] += 1
    target = tasks[pkt['dest']]
    if to_devq:
        target['devq'].append(pkt)
    else:
        target['queue'].append(pkt)
def runnable(task):
    kind = task['kind']
    if kind == IDLE:
        return True
    if kind == WORKER:
        return len(task['queue']) > 0
    if kind == HANDLER_A or kind == HANDLER_B:
        if task['outstanding']:
            return len(task['devq']) > 0
        return len(task['queue']) > 0
    return len(task['queue']) > 0 and not task['held']
def run_idle(tasks, task):
    task['count'] -= 1
    if task['count'] < 0:
        return False
    task['seed'] = (task['seed'] * 75 + 74) % 65537
    if task['seed'] % 2 == 0:
        tasks[DEVICE_A]['held'] = False
    else:
        tasks[DEVICE_B]['held'] = False
    return True
def run_worker(tasks, task):
    pkt = task['queue'].pop(0)
    task['dest'] = HANDLER_B if task['dest'] == HANDLER_A else HANDLER_A
    pkt['dest'] = task['dest']
    pkt['datum'] = 0
    for i in range(4):
        task['count'] = task['count'] % 26 + 1
        pkt['data'][i] = task['count']
    send(tasks, pkt, False)
    return True
def run_handler(tasks, task):
    work = task['queue'][0]
    if task['outstanding']:
        dev = task['devq'].pop(0)
        task['outstanding'] = False
        work['data'][work['datum']] = (work['data'][work['datum']] * 3 + dev['datum']) % 1000
        work['datum'] += 1
        if work['datum'] >= 4:
            task['queue'].pop(0)
            work['dest'] = WORKER
            task['count'] += work['data'][3]
            send(tasks, work, False)
        return True
    dev = make_packet(DEVICE_A if task['kind'] == HANDLER_A else DEVICE_B, 'device')
    dev['datum'] = work['data'][work['datum']]
    task['outstanding'] = True
    send(tasks, dev, False)
    return True
def run_device(tasks, task):
    pkt = task['queue'].pop(0)
    task['count'] = (task['count'] + pkt['datum']) % 1000003
    pkt['datum'] = pkt['datum'] * 2 + 1
    pkt['dest'] = HANDLER_A if task['kind'] == DEVICE_A else HANDLER_B
    task['held'] = True
    counters['hold'] += 1
    send(tasks, pkt, True)
    return True
RUNNERS = {IDLE: run_idle, WORKER: run_worker, HANDLER_A: run_handler, HANDLER_B: run_handler,
           DEVICE_A: run_device, DEVICE_B: run_device}
def schedule(idle_runs):
    tasks = {}
    tasks[IDLE] = make_task(IDLE, 0, IDLE)
    tasks[IDLE]['count'] = idle_runs
    tasks[WORKER] = make_task(WORKER, 1000, WORKER)
    tasks[HANDLER_A] = make_task(HANDLER_A, 2000, HANDLER_A)
    tasks[HANDLER_B] = make_task(HANDLER_B, 3000, HANDLER_B)
    tasks[DEVICE_A] = make_task(DEVICE_A, 4000, DEVICE_A)
    tasks[DEVICE_B] = make_task(DEVICE_B, 5000, DEVICE_B)
    for i in range(3):
        tasks[WORKER]['queue'].append(make_packet(WORKER, 'work'))
    order = [ident for neg_pri, ident in sorted([(-t['pri'], ident) for ident, t in tasks.items()])]
    while True:
        task = None
        for ident in order:
            if runnable(tasks[ident]):
                task = tasks[ident]
                break
        counters['switch'] += 1
        if not RUNNERS[task['kind']](tasks, task):
            return tasks
checksum = 0
for it in range(N):
    tasks = schedule(IDLE_RUNS + it)
    state = 0
    for ident in range(6):
        t = tasks[ident]
        state = (state * 131 + t['count'] + 7 * len(t['queue']) + 3 * len(t['devq'])) % 1000000007
    checksum = (checksum * 17 + state) % 1000000007
print(counters['qpkt'], counters['hold'], counters['switch'], checksum)
