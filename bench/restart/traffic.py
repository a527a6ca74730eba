"""LOCAL_QUORUM traffic for bench/rolling-restart.sh: writes and reads back rows of bench.kv
from a few threads until SIGTERM, then prints one JSON line: requests, failures and the first
failures' messages. With SIGUSR1 it prints the same line so far, and starts counting anew, so one
client can measure several phases.

    python traffic.py USER PASSWORD ADDRESS [ADDRESS ...]
"""
import json
import signal
import sys
import threading
import time

from cassandra import ConsistencyLevel
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
from cassandra.policies import DCAwareRoundRobinPolicy, TokenAwarePolicy

THREADS = 4
KEYS = 1000

user, password, addresses = sys.argv[1], sys.argv[2], sys.argv[3:]
profile = ExecutionProfile(
    load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy(local_dc="dc1")),
    consistency_level=ConsistencyLevel.LOCAL_QUORUM,
    request_timeout=12,
)
cluster = Cluster(
    addresses,
    auth_provider=PlainTextAuthProvider(user, password),
    execution_profiles={EXEC_PROFILE_DEFAULT: profile},
    protocol_version=5,
)
session = cluster.connect()
write = session.prepare("INSERT INTO bench.kv (k, v) VALUES (?, ?)")
read = session.prepare("SELECT v FROM bench.kv WHERE k = ?")

lock = threading.Lock()
counts = {"requests": 0, "failures": 0, "first_failures": []}
stopping = threading.Event()


def count(failure=None):
    with lock:
        counts["requests"] += 1
        if failure is not None:
            counts["failures"] += 1
            if len(counts["first_failures"]) < 5:
                counts["first_failures"].append(f"{time.strftime('%H:%M:%S')} {failure}")


def run(offset):
    k = offset
    while not stopping.is_set():
        k = (k + THREADS) % KEYS
        value = f"v{k}-{time.monotonic_ns()}"
        try:
            session.execute(write, (k, value))
            count()
        except Exception as e:  # every failure counts, whatever its kind
            count(f"write: {type(e).__name__}: {e}"[:300])
            continue
        try:
            row = session.execute(read, (k,)).one()
            # LOCAL_QUORUM write then read: the read must see this write (or a later one of the same key)
            count(None if row is not None and row.v.startswith(f"v{k}-") else f"read of {k}: no row")
        except Exception as e:
            count(f"read: {type(e).__name__}: {e}"[:300])


def report(*_):
    with lock:
        print(json.dumps(counts), flush=True)
        counts.update({"requests": 0, "failures": 0, "first_failures": []})


signal.signal(signal.SIGUSR1, report)
signal.signal(signal.SIGTERM, lambda *_: stopping.set())
threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(THREADS)]
for t in threads:
    t.start()
print("traffic running", flush=True)
while not stopping.is_set():
    stopping.wait(0.5)
for t in threads:
    t.join(timeout=15)
report()
cluster.shutdown()
