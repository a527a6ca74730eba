#!/usr/bin/env python3
"""CPU seconds used by each role of process on this machine, for a benchmark to say where its time goes.

  cpu_by_role.py snapshot FILE      record every process's CPU time so far (user + system)
  cpu_by_role.py diff FILE          print the CPU seconds each role used since that snapshot

A process that started after the snapshot counts from its start; one that ended in between is
lost (none of the roles measured ends during a bring-up). Roles come from the command line.
"""
import json
import os
import sys

TICKS = os.sysconf("SC_CLK_TCK")

# Checked in order: the first match names the role.
ROLES = [
    ("cassandra", "org.apache.cassandra.service.CassandraDaemon"),
    ("agent", "dev.cassini.agent.AgentMain"),
    ("operator", "dev.cassini.operator.OperatorMain"),
    ("kubelet+devkube", "dev.cassini.devkube.DevKubeMain"),
    ("kube-apiserver", "/kube-apiserver"),
    ("etcd", "/etcd"),
    ("controllers", "/kube-controller-manager"),
    ("controllers", "/kube-scheduler"),
    ("object store", "dev.cassini.cli.ObjectStoreMain"),
]


def processes():
    """pid -> (start time in ticks, cpu ticks, role) of every process readable now."""
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2:].split()
        utime, stime, start = int(fields[11]), int(fields[12]), int(fields[19])
        role = next((name for name, marker in ROLES if marker in cmdline), "other")
        found[pid] = (start, utime + stime, role)
    return found


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("snapshot", "diff"):
        sys.exit(__doc__)
    command, path = sys.argv[1], sys.argv[2]
    now = processes()
    if command == "snapshot":
        with open(path, "w") as f:
            json.dump(now, f)
        return
    with open(path) as f:
        before = json.load(f)
    used = {}
    for pid, (start, ticks, role) in now.items():
        earlier = before.get(pid)
        base = earlier[1] if earlier and earlier[0] == start else 0  # same pid, same process
        used[role] = used.get(role, 0) + (ticks - base) / TICKS
    total = sum(used.values())
    for role, seconds in sorted(used.items(), key=lambda kv: -kv[1]):
        print(f"{role:16s} {seconds:8.1f} s")
    print(f"{'total':16s} {total:8.1f} s")


if __name__ == "__main__":
    main()
