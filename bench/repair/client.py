"""The repair benchmark's CQL client: writes the data, reads it at a fixed rate while recording each
read's latency, and summarises the latencies of a time window.

  python client.py write HOSTS START COUNT [--create]
      writes rows START..START+COUNT-1 of bench.data at LOCAL_QUORUM (--create: the keyspace, RF 3
      in dc1, and the table first)
  python client.py read HOSTS ROWS RATE OUT
      reads random rows of 0..ROWS-1 at LOCAL_QUORUM, RATE a second on a fixed schedule (open
      loop), until SIGTERM; appends "intended sent done status" per read to OUT and prints
      "ready <epoch>" once connected and warmed up
  python client.py stats OUT:T0:T1 [OUT:T0:T1 ...]
      p50, p99, p99.9 and max (ms) of the reads whose intended start lies in [T0, T1), over every
      window given, as JSON
  python client.py cpu
      CPU seconds used so far by this machine's processes, by group (Cassandra, the node agents,
      the operator, the Kubernetes control plane and devkube, this reader, the rest), as JSON
  python client.py cpurow LABEL BEFORE.json AFTER.json
      one table row: the cores each group used between two such snapshots
  python client.py auto-repair HOSTS on|off
      turns Cassandra's full auto-repair of bench.data on or off (ALTER TABLE ... WITH auto_repair)
      and checks that the schema kept it: Cassandra drops the option when the node that runs the
      ALTER does not have the scheduler on, so this works only once the nodes run with it
  python client.py auto-repair-wait HOSTS SINCE
      waits until every node of the ring has run a full auto-repair turn that started at or after
      SINCE (epoch seconds) and finished, as system_distributed.auto_repair_history records; prints
      the turns (how many, their seconds summed, each node's) as JSON
  python client.py sessions REPAIR_ID < job lists
      the repair jobs of REPAIR_ID in the agents' job lists (GET /api/v1/jobs of each node, one
      after the other on stdin): how many, and the seconds they ran, summed, as JSON

HOSTS is a comma-separated list of node addresses; CQL_USER and CQL_PASSWORD give the login.
A read's latency counts from its intended start, not from when the client got round to sending
it, so a stalled client or server cannot hide slow reads (no coordinated omission).
Runs in the benchmark's venv (cassandra-driver).
"""
import json
import os
import random
import signal
import sys
import threading
import time

KEYSPACE = "bench"
TABLE = "data"
# Payload bytes per row: 262144 rows for 2 GB. With 2 KB rows the 3 nodes on 2 cores took about 700
# rows a second at LOCAL_QUORUM (the per-row cost bounds it), so 2 GB would take 25 minutes to write.
ROW = 8192
WARMUP_SECONDS = 5
OK, MISSING, ERROR = 0, 1, 2


def connect(hosts):
    from cassandra.auth import PlainTextAuthProvider
    from cassandra.cluster import Cluster
    from cassandra.policies import ConstantReconnectionPolicy, DCAwareRoundRobinPolicy, TokenAwarePolicy

    cluster = Cluster(
        hosts.split(","),
        auth_provider=PlainTextAuthProvider(os.environ["CQL_USER"], os.environ["CQL_PASSWORD"]),
        protocol_version=4,
        connect_timeout=30,
        load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy(local_dc="dc1")),
        reconnection_policy=ConstantReconnectionPolicy(1.0),
    )
    return cluster, cluster.connect()


def write(hosts, start, count, create):
    from cassandra import ConsistencyLevel
    from cassandra.concurrent import execute_concurrent_with_args

    cluster, s = connect(hosts)
    s.default_timeout = 60
    if create:
        s.execute(f"CREATE KEYSPACE IF NOT EXISTS {KEYSPACE} WITH replication = "
                  "{'class': 'NetworkTopologyStrategy', 'dc1': 3}")
        # Random payloads do not compress: compression off, so the data size is the one asked for.
        # Compaction stays on (the default), as in any real table.
        s.execute(f"CREATE TABLE IF NOT EXISTS {KEYSPACE}.{TABLE} (id bigint PRIMARY KEY, payload blob) "
                  "WITH compression = {'enabled': 'false'}")
    insert = s.prepare(f"INSERT INTO {KEYSPACE}.{TABLE} (id, payload) VALUES (?, ?)")
    insert.consistency_level = ConsistencyLevel.LOCAL_QUORUM
    t0 = time.time()
    batch = 2000
    reported = 0
    for first in range(start, start + count, batch):
        args = [(i, os.urandom(ROW)) for i in range(first, min(start + count, first + batch))]
        for _ in range(30):
            results = execute_concurrent_with_args(s, insert, args, concurrency=48, raise_on_first_error=False)
            args = [a for a, (ok, _) in zip(args, results) if not ok]
            if not args:
                break
            time.sleep(1)  # the nodes push back (overloaded, flushing): wait, then write what failed again
        else:
            sys.exit(f"could not write {len(args)} rows after 30 attempts")
        done = min(start + count, first + batch) - start
        if done * 10 // count > reported:
            reported = done * 10 // count
            print(f"  {done} of {count} rows written ({time.time() - t0:.0f} s)", flush=True)
    seconds = time.time() - t0
    print(f"wrote rows {start}..{start + count - 1} ({count * ROW / 1e6:.0f} MB of payload) at LOCAL_QUORUM "
          f"in {seconds:.1f} s ({count / seconds:.0f} rows/s)", flush=True)
    cluster.shutdown()


def read(hosts, rows, rate, out_path):
    from cassandra import ConsistencyLevel

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    cluster, s = connect(hosts)
    s.default_timeout = 10
    select = s.prepare(f"SELECT payload FROM {KEYSPACE}.{TABLE} WHERE id = ?")
    select.consistency_level = ConsistencyLevel.LOCAL_QUORUM
    done = []  # (intended, sent, done, status), appended from the driver's event loop thread
    inflight = [0]
    lock = threading.Lock()

    def ok(result, intended, sent):
        status = OK if result else MISSING
        with lock:
            done.append((intended, sent, time.time(), status))
            inflight[0] -= 1

    def error(_, intended, sent):
        with lock:
            done.append((intended, sent, time.time(), ERROR))
            inflight[0] -= 1

    def drain(out):
        with lock:
            batch = done[:]
            del done[:]
        for intended, sent, finished, status in batch:
            out.write(f"{intended:.6f} {sent:.6f} {finished:.6f} {status}\n")
        out.flush()

    interval = 1.0 / rate
    rng = random.Random(42)
    with open(out_path, "a") as out:
        start = time.time()
        next_t = start
        next_drain = start + 1
        announced = False
        while not stop.is_set():
            now = time.time()
            if not announced and now >= start + WARMUP_SECONDS:
                print(f"ready {now:.6f}", flush=True)
                announced = True
            if now >= next_drain:
                drain(out)
                next_drain = now + 1
            if now < next_t:
                time.sleep(min(next_t - now, 0.05))
                continue
            # Open loop: a read is due every interval whatever the earlier ones do; one that is late
            # to leave counts its latency from when it was due.
            with lock:
                inflight[0] += 1
            future = s.execute_async(select, (rng.randrange(rows),))
            future.add_callbacks(ok, error, callback_args=(next_t, now), errback_args=(next_t, now))
            next_t += interval
        deadline = time.time() + 12
        while time.time() < deadline:
            with lock:
                if inflight[0] == 0:
                    break
            time.sleep(0.05)
        drain(out)
    cluster.shutdown()


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    rank = max(1, int(-(-p * len(sorted_values) // 100)))  # nearest rank
    return sorted_values[min(rank, len(sorted_values)) - 1]


def stats(windows):
    latencies = []
    service = []
    errors = missing = 0
    for window in windows:
        path, t0, t1 = window.rsplit(":", 2)
        t0, t1 = float(t0), float(t1)
        with open(path) as f:
            for line in f:
                intended, sent, finished, status = line.split()
                intended = float(intended)
                if not t0 <= intended < t1:
                    continue
                latencies.append((float(finished) - intended) * 1000)
                service.append((float(finished) - float(sent)) * 1000)
                errors += status == str(ERROR)
                missing += status == str(MISSING)
    latencies.sort()
    service.sort()

    def r(value):
        return None if value is None else round(value, 2)

    print(json.dumps({
        "reads": len(latencies),
        "errors": errors,
        "missing": missing,
        "p50": r(percentile(latencies, 50)),
        "p99": r(percentile(latencies, 99)),
        "p999": r(percentile(latencies, 99.9)),
        "max": r(latencies[-1] if latencies else None),
        "p99_from_sent": r(percentile(service, 99)),
    }))


CPU_GROUPS = [
    ("cassandra", "org.apache.cassandra.service.CassandraDaemon"),
    ("agents", "dev.cassini.agent.AgentMain"),
    ("operator", "dev.cassini.operator.OperatorMain"),
    ("control plane", ("kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler", "dev.cassini.devkube")),
    ("reader", "client.py read"),
]


def cpu():
    ticks = os.sysconf("SC_CLK_TCK")
    used = {name: 0.0 for name, _ in CPU_GROUPS}
    used["other"] = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        seconds = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        group = "other"
        for name, marks in CPU_GROUPS:
            if any(mark in command for mark in ((marks,) if isinstance(marks, str) else marks)):
                group = name
                break
        used[group] += seconds
    used["t"] = time.time()
    print(json.dumps(used))


def cpurow(label, before_path, after_path):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    elapsed = after["t"] - before["t"]
    cores = [max(0.0, after[name] - before[name]) / elapsed for name, _ in CPU_GROUPS] + \
        [max(0.0, after["other"] - before["other"]) / elapsed]
    print(f"{label:<44}" + "".join(f"{c:>10.2f}" for c in cores) + f"{sum(cores):>10.2f}")


def timestamp(iso):
    from datetime import datetime, timezone
    head, _, rest = iso.rstrip("Z").partition(".")
    seconds = datetime.strptime(head, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return seconds + (float("0." + rest) if rest else 0.0)


def auto_repair(hosts, state):
    if state not in ("on", "off"):
        sys.exit(f"auto-repair takes on or off, not {state}")
    wanted = "true" if state == "on" else "false"
    cluster, s = connect(hosts)
    s.default_timeout = 60
    s.execute(f"ALTER TABLE {KEYSPACE}.{TABLE} WITH auto_repair = {{'full_enabled': '{wanted}'}}")
    row = s.execute("SELECT auto_repair FROM system_schema.tables WHERE keyspace_name = %s AND table_name = %s",
                    (KEYSPACE, TABLE)).one()
    cluster.shutdown()
    kept = (row.auto_repair or {}).get("full_enabled") if row else None
    if kept != wanted:
        sys.exit(f"{KEYSPACE}.{TABLE}'s auto_repair full_enabled is {kept!r} in the schema after the ALTER,"
                 f" not {wanted!r}: the coordinating node does not run Cassandra's scheduler")


def utc_epoch(moment):
    """The driver gives timestamps as naive datetimes in UTC."""
    from datetime import timezone
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def auto_repair_wait(hosts, since):
    from cassandra import ConsistencyLevel
    from cassandra.query import SimpleStatement

    cluster, s = connect(hosts)
    nodes = len(cluster.metadata.all_hosts())
    history = SimpleStatement("SELECT repair_type, host_id, repair_start_ts, repair_finish_ts"
                              " FROM system_distributed.auto_repair_history",
                              consistency_level=ConsistencyLevel.QUORUM)
    deadline = time.time() + 4 * 3600
    while True:
        turns = {}
        try:
            for row in s.execute(history):
                start, finish = row.repair_start_ts, row.repair_finish_ts
                # The scheduler spells the type FULL where its settings say full.
                if (row.repair_type or "").lower() != "full" or start is None or finish is None:
                    continue
                start_s, finish_s = utc_epoch(start), utc_epoch(finish)
                if start_s >= since and finish_s >= start_s:
                    turns[str(row.host_id)] = round(finish_s - start_s, 1)
        except Exception as e:  # a node restarting or busy: ask again
            print(f"auto_repair_history not read ({e}); again", file=sys.stderr, flush=True)
        if len(turns) >= nodes:
            break
        if time.time() > deadline:
            sys.exit(f"only {len(turns)} of {nodes} nodes ran a full auto-repair turn in 4 hours")
        time.sleep(1)
    cluster.shutdown()
    print(json.dumps({"sessions": len(turns), "seconds": round(sum(turns.values()), 1), "turns": turns}))


def sessions(repair_id):
    text = sys.stdin.read()
    decoder = json.JSONDecoder()
    jobs = []
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        document, at = decoder.raw_decode(text, at)
        jobs.extend(document.get("jobs", []))
    mine = [j for j in jobs if j.get("operation") == "repair"
            and j.get("parameters", {}).get("repairId") == repair_id and j.get("finishedAt")]
    busy = sum(timestamp(j["finishedAt"]) - timestamp(j["startedAt"]) for j in mine)
    print(json.dumps({"sessions": len(mine), "seconds": round(busy, 1),
                      "failed": sum(j.get("state") != "SUCCEEDED" for j in mine)}))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "write":
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), "--create" in sys.argv[5:])
    elif command == "read":
        read(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
    elif command == "stats":
        stats(sys.argv[2:])
    elif command == "cpu":
        cpu()
    elif command == "cpurow":
        cpurow(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "sessions":
        sessions(sys.argv[2])
    elif command == "auto-repair":
        auto_repair(sys.argv[2], sys.argv[3])
    elif command == "auto-repair-wait":
        auto_repair_wait(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit("usage: client.py write HOSTS START COUNT [--create] | read HOSTS ROWS RATE OUT"
                 " | stats OUT:T0:T1 ... | cpu | cpurow LABEL BEFORE AFTER | sessions REPAIR_ID"
                 " | auto-repair HOSTS on|off | auto-repair-wait HOSTS SINCE")
