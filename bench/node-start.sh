#!/usr/bin/env bash
# Benchmark, run by hand: time from `cassini node --start` to the agent's readiness saying ready,
# against Cassandra's own "Startup complete" moment in the same run (the peer: Cassandra started
# by itself with the same jars and flags). The ratio shows what the agent adds on top of Cassandra.
#   bench/node-start.sh [runs]      (default 3; uses 127.0.9.1, stops every node it starts)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-3}
address=127.0.9.1
"$root/cassini" --version >/dev/null   # build once, outside the measurement
work=$(mktemp -d)
trap 'kill -TERM ${pid:-0} 2>/dev/null || true; wait ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
printf "%-5s %14s %22s %8s\n" run "ready (s)" "Startup complete (s)" ratio
for i in $(seq 1 "$runs"); do
  data="$work/node-$i"
  t0=$(date +%s%N)
  # --new-ring 1/1: precomputed tokens, as the operator starts every node of a new cluster (without
  # tokens, Cassandra's token allocation first waits out a ring delay of 30 s).
  "$root/cassini" node --cluster bench --address $address --data-dir "$data" --no-auth --new-ring 1/1 --start > "$work/out-$i.log" 2>&1 &
  pid=$!
  until curl -s -m 1 "http://$address:8080/healthz/ready" | grep -q '"ready":true'; do
    kill -0 $pid 2>/dev/null || { echo "node exited; see $work/out-$i.log"; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  # From Cassandra's first log line (its JVM is up) to its "Startup complete" line.
  jvm_start=$(grep -m1 -o '^INFO  \[main\] [0-9-]* [0-9:,]*' "$data/logs/system.log" | awk '{print $3" "$4}')
  complete=$(grep -m1 'Startup complete' "$data/logs/system.log" | awk '{print $3" "$4}')
  to_ns() { date -d "${1/,/.}" +%s%N; }
  cassandra_s=$(echo "scale=2; ($(to_ns "$complete") - $(to_ns "$jvm_start")) / 1000000000" | bc)
  ready_s=$(echo "scale=2; ($t1 - $t0) / 1000000000" | bc)
  printf "%-5s %14s %22s %8s\n" "$i" "$ready_s" "$cassandra_s" "$(echo "scale=2; $ready_s / $cassandra_s" | bc)"
  kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
done
