"""The backup benchmark's data: writes incompressible rows through CQL, and reads back what a
restore must bring back (the row count and a checksum over every payload's CRC).

  python data.py load ADDRESS MEGABYTES     creates bench.data (compression and compaction off) and fills it
  python data.py check ADDRESS              prints "<rows> <sum of payload CRCs>"
  python data.py truncate ADDRESS           empties bench.data

Runs in the benchmark's venv, whose cassandra-driver comes with the peer tool.
"""
import os
import sys
import time
import zlib

from cassandra.cluster import Cluster
from cassandra.concurrent import execute_concurrent_with_args

PAYLOAD = 256 * 1024  # bytes per row: few rows, so the data is mostly SSTable data files
KEYSPACE = "bench"
TABLE = "data"


def session(address):
    cluster = Cluster([address], connect_timeout=30, protocol_version=4)
    s = cluster.connect()
    s.default_timeout = 600
    return cluster, s


def load(address, megabytes):
    cluster, s = session(address)
    s.execute(f"CREATE KEYSPACE IF NOT EXISTS {KEYSPACE} WITH replication = "
              "{'class': 'SimpleStrategy', 'replication_factor': 1}")
    # Compression off (random bytes would not shrink anyway) and compaction off, so both tools
    # back up exactly the same files, which no compaction replaces between their runs.
    s.execute(f"CREATE TABLE IF NOT EXISTS {KEYSPACE}.{TABLE} (id int PRIMARY KEY, crc bigint, payload blob) "
              "WITH compression = {'enabled': 'false'} "
              "AND compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}")
    insert = s.prepare(f"INSERT INTO {KEYSPACE}.{TABLE} (id, crc, payload) VALUES (?, ?, ?)")
    rows = megabytes * 1024 * 1024 // PAYLOAD
    t0 = time.time()
    batch = 256
    for start in range(0, rows, batch):
        args = []
        for i in range(start, min(rows, start + batch)):
            payload = os.urandom(PAYLOAD)
            args.append((i, zlib.crc32(payload), payload))
        for attempt in range(20):
            results = execute_concurrent_with_args(s, insert, args, concurrency=8, raise_on_first_error=False)
            args = [a for a, (ok, _) in zip(args, results) if not ok]
            if not args:
                break
            time.sleep(0.5)  # the node pushes back while it flushes: wait, then write what failed again
        else:
            sys.exit(f"could not write {len(args)} rows after 20 attempts")
    seconds = time.time() - t0
    print(f"loaded {rows} rows of {PAYLOAD} random bytes ({rows * PAYLOAD / 1e6:.0f} MB) in {seconds:.1f} s",
          flush=True)
    cluster.shutdown()


def check(address):
    cluster, s = session(address)
    rows = 0
    crcs = 0
    statement = s.prepare(f"SELECT crc FROM {KEYSPACE}.{TABLE}")
    statement.fetch_size = 100  # 25 MB a page: each page well within the read timeout
    for row in s.execute(statement):
        rows += 1
        crcs += row.crc
    print(rows, crcs)
    cluster.shutdown()


def truncate(address):
    cluster, s = session(address)
    s.execute(f"TRUNCATE {KEYSPACE}.{TABLE}")
    cluster.shutdown()


if __name__ == "__main__":
    command, address = sys.argv[1], sys.argv[2]
    if command == "load":
        load(address, int(sys.argv[3]))
    elif command == "check":
        check(address)
    elif command == "truncate":
        truncate(address)
    else:
        sys.exit(f"unknown command {command}; use load, check or truncate")
