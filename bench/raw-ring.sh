#!/usr/bin/env bash
# Benchmark helper, run by hand (bench/bringup.sh runs it for its raw baseline): seconds from
# starting N raw Cassandra processes at once, with precomputed tokens, until every node's log says
# it started and saw each other node up. No agent, no Kubernetes: the physical limit a
# bring-up is compared with.
#
# The configuration is the one the agent renders for `cassini node --new-ring I/N`: each node is
# started once through the agent (not timed) to write its conf/, then stopped and its data, commit
# log and logs wiped. The timed start runs Cassandra's own command line from those files, without
# the agent's helper and exporter agents.
#   bench/raw-ring.sh N      (N from 1 to 6; nodes on 127.0.10.1..N, racks r1-r3 in turn; ~1 GiB each)
#   RAW_RING_JAVAAGENTS=keep bench/raw-ring.sh N    the same with the helper and exporter loaded into
#                            each JVM, as in a pod: what those two cost a start, apart from the agent
# Prints progress on stderr and the seconds on the last line of stdout. Stops every process it starts.
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:?usage: bench/raw-ring.sh N}
if ! [[ "$n" =~ ^[1-6]$ ]]; then
  echo "N must be from 1 to 6" >&2
  exit 2
fi
version=5.0.6
lib="${CASSINI_CACHE:-$HOME/.cache/cassini}/cassandra/$version/lib"
work=$(mktemp -d /tmp/cassini-raw-ring.XXXXXX)
addresses=()
for i in $(seq 1 "$n"); do addresses+=("127.0.10.$i"); done
seeds=$(IFS=,; echo "${addresses[*]:0:3}")   # one per rack, as the operator picks them
pids=()

cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${RAW_RING_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/cassini" --version >/dev/null   # build once, outside the measurement

echo "rendering each node's configuration through the agent (not timed) ..." >&2
for i in $(seq 1 "$n"); do
  address=${addresses[$((i - 1))]}
  "$root/cassini" node --cluster raw --address "$address" --rack "r$(( (i - 1) % 3 + 1 ))" \
    --data-dir "$work/node-$i" --seeds "$seeds" --no-auth --new-ring "$i/$n" --start \
    >"$work/agent-$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$n"); do
  address=${addresses[$((i - 1))]}
  for _ in $(seq 1 300); do
    curl -s -m 1 "http://$address:8080/healthz/ready" | grep -q '"ready":true' && break
    sleep 0.5
  done
  curl -s -m 1 "http://$address:8080/healthz/ready" | grep -q '"ready":true' \
    || { echo "node $i did not get ready through its agent; see $work/agent-$i.log" >&2; exit 1; }
done
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()
for i in $(seq 1 "$n"); do
  (cd "$work/node-$i" && rm -rf data commitlog saved_caches hints cdc_raw logs cassini && mkdir logs)
done

echo "starting $n raw Cassandra processes at once ..." >&2
python3 "$root/bench/lib/cpu_by_role.py" snapshot "$work/cpu-before.json"
t0=$(date +%s%N)
for i in $(seq 1 "$n"); do
  dir="$work/node-$i"
  # The agent's options minus its own javaagents (the helper and the exporter) unless asked to keep
  # them; jamm stays.
  drop='^-javaagent:.*cassini-\(helper\|exporter\)'
  [ "${RAW_RING_JAVAAGENTS:-}" = keep ] && drop='^#'
  mapfile -t options < <(grep -v '^#' "$dir/conf/jvm.options" | grep -v '^$' | grep -v -e "$drop")
  (cd "$dir" && exec java "${options[@]}" -cp "$dir/conf:$lib/*" org.apache.cassandra.service.CassandraDaemon \
    >"$dir/logs/raw-output.log" 2>&1) &
  pids+=($!)
done

# Every node: "Startup complete" (it is NORMAL, on its precomputed tokens, and serves CQL) and each
# other node up in its own view (Cassandra logs a peer's move to NORMAL only at debug level).
all_up() {
  local i log others=$((n - 1))
  for i in $(seq 1 "$n"); do
    log="$work/node-$i/logs/system.log"
    [ -f "$log" ] || return 1
    grep -q 'Startup complete' "$log" || return 1
    [ "$(grep -o 'InetAddress /[0-9.:]* is now UP' "$log" | sort -u | wc -l)" -ge "$others" ] || return 1
  done
}
for _ in $(seq 1 1800); do
  all_up && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a raw node exited; logs in $work/node-*/logs" >&2; exit 1; }
  done
  sleep 0.1
done
all_up || { echo "the raw ring did not come up within 180 s" >&2; exit 1; }
t1=$(date +%s%N)
# CPU seconds by role until every node is up (on stderr; stdout's last line stays the wall time).
python3 "$root/bench/lib/cpu_by_role.py" diff "$work/cpu-before.json" | sed 's/^/raw ring cpu: /' >&2
echo "scale=1; ($t1 - $t0) / 1000000000" | bc
