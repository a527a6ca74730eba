#!/usr/bin/env bash
# Benchmark, run by hand: a full repair of one keyspace through Cassini (a CassandraRepair: token-range
# segments, one session at a time per node, scheduled by the operator) against the peer, the usual
# manual way: `nodetool repair -full <keyspace>` on each node in turn, and against Cassandra's own
# auto-repair scheduler (CEP-37, `spec.repair.mode: Cassandra`), measured in the same run on the
# same 3-node cluster (RF 3, Cassandra 5.0.9) and the same data, each repair after the same
# deliberate inconsistency.
# It reports both repairs' wall time and bytes streamed, and the p50/p99 latency of a steady read load
# without repair and during each repair. The issue's targets: Cassini's time at most 1.2x the peer's,
# and p99 during Cassini's repair at most 20% above p99 without repair.
#   bench/repair/run.sh [megabytes] [cassini-first|peer-first]
#     megabytes: table data written through CQL (random 8 KB payloads, compression off), default
#     2048; each node holds all of it (RF 3). Small values (200) make a quick check.
#     order: which of Cassini's repair and the peer's is measured first (default cassini-first);
#     Cassandra's scheduler always comes last, as switching to it restarts every node.
#
# How, step by step:
# - A private devkube (like bench/bringup.sh; `./cassini down` of it on exit), `./cassini up`, and,
#   in place of its demo cluster (deleted, as bench/bringup.sh does),
#   a 3-node CassandraCluster (racks r1-r3 in zones zone-a..c, heap 1G) with hinted_handoff_enabled:
#   false, so a node down misses writes for good until a repair.
# - Data: keyspace bench (NetworkTopologyStrategy, dc1: 3), one table, written at LOCAL_QUORUM by
#   bench/repair/client.py. Then one untimed Cassini repair, so that what the load itself left
#   inconsistent (a mutation dropped under overload) is fixed before the timed repairs, and both
#   timed repairs start from the same consistent data.
# - Inconsistency, the same before each timed repair: the operator scaled to 0 (else it starts a
#   stopped node again within seconds), the r3 node stopped through its agent, a fresh batch of 10%
#   more rows written at LOCAL_QUORUM (the other two nodes take them), the operator scaled back to 1
#   (it starts the node). Then every node NORMAL and seeing the others up, the table flushed on every
#   node and no compaction pending before anything is measured.
# - Latency: client.py reads random rows of the first load (never the missed batches, so no read
#   repair fixes what the repair has to) at LOCAL_QUORUM, 200 a second on a fixed schedule, from a
#   fresh client for each repair: 60 s of warm-up (the node just restarted is slow at first), a 90 s
#   window without repair, then the window of the repair.
#   Latency counts from each read's intended start (open loop).
# - Cassini: a CassandraRepair of keyspace bench with its defaults (16 segments per node, intensity
#   1, parallel), applied with kubectl; time from the apply until status.phase is Succeeded.
# - The peer: the node agent opens no JMX port, so nodetool cannot reach a devkube pod; the script
#   makes the call `nodetool repair -full bench` makes, through the agent: for each node in turn
#   (r1, r2, r3), POST /api/v1/operations/repair {"keyspace":"bench","parallelism":"PARALLEL",
#   "incremental":false} with no ranges, which the agent turns into StorageService.repairAsync with
#   full, parallel, primaryRange false, every range the node replicates, one job thread (nodetool's
#   defaults), and polls the job until it succeeded. Unlike nodetool, no JVM starts per node (the
#   peer saves a second or two), and Paxos repair is not asked for (repairPaxos false; nodetool
#   sends true; the table has no LWTs). Cassini's sessions go through the same agent call, with ranges.
# - Cassandra's auto-repair scheduler, last: the cluster is switched to `repair.mode: Cassandra`
#   with the scheduler's waits cut from minutes to seconds (repair_check_interval 5s,
#   min_repair_interval 10s) and its rest after each repaired range off (repair_task_min_duration
#   0s, 5s by default, as Cassini's intensity is 1), in the datacenter's config; a rolling restart.
#   Then bench.data's auto-repair is turned off (ALTER TABLE ... auto_repair = {'full_enabled':
#   'false'}, checked in system_schema.tables: Cassandra keeps the option only when the node that
#   runs the ALTER has the scheduler on, so it cannot be set at CREATE, before the switch), and the
#   script waits for every node's next turn to end, so until the measurement the scheduler repairs
#   only the system keyspaces, turn after turn. Then the same inconsistency and settling, and the repair:
#   `ALTER TABLE bench.data WITH auto_repair = {'full_enabled': 'true'}`, timed until every node
#   has run a turn that started after it and finished (system_distributed.auto_repair_history).
#   Each node's turn repairs its primary ranges of every table whose auto-repair is on, one node at
#   a time (all three are replicas of every range).
# - Bytes streamed, for all three: the growth of the nodes' TotalOutgoingRepairBytes (the agent's
#   repairBytesSent) over the repair. Time inside Cassandra's sessions, for both: the agents' repair
#   jobs of the repair (GET /api/v1/jobs), their run times summed; with RF 3 on 3 nodes every
#   session involves every node, so they never overlap, and the rest of the wall time is spent
#   between sessions. CPU, for every window: the cores each group of processes used (from /proc).
# Prints a table and appends it, with the date, machine and command, to bench/repair/RESULTS.md.
# Takes about 35 minutes at the default size on a 2-core machine (20 at 200 MB).
# Needs Java 17, curl, jq, bc, Python 3.9+ with venv (the client's venv, with cassandra-driver, is
# made once under ~/.cache/cassini/bench), about 8 GiB of memory and about 8x the data size of disk.
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/repair"
megabytes=${1:-2048}
order=${2:-cassini-first}
[[ "$megabytes" =~ ^[0-9]+$ ]] && ((megabytes >= 20)) || { echo "give the data size in megabytes, at least 20" >&2; exit 2; }
[[ "$order" == cassini-first || "$order" == peer-first ]] || { echo "order: cassini-first or peer-first" >&2; exit 2; }
command_line="bench/repair/run.sh${*:+ $*}"
name=rbench                 # the CassandraCluster; short, it starts every pod name
keyspace=bench
row_bytes=8192              # client.py's payload size
rows=$((megabytes * 1024 * 1024 / row_bytes))
extra=$((rows / 10))        # rows the stopped node misses, before each timed repair
rate=200                    # reads a second during the latency windows
warmup_s=60                 # reads before the window without repair: the restarted node warms up
baseline_s=90
victim=2                    # index of the node stopped (nodes sorted by pod name: r1, r2, r3)
driver_version=3.30.1
shared_cache="${CASSINI_CACHE:-$HOME/.cache/cassini}"
venv="$shared_cache/bench/repair-venv"
work=$(mktemp -d /tmp/cassini-bench-repair.XXXXXX)
logs="$work/logs"
mkdir -p "$logs"
# Private devkube state; control-plane binaries and Cassandra jars still come from the shared cache
# (pods do not inherit this variable: agents read Cassandra from ~/.cache/cassini as always).
export CASSINI_CACHE="$work/cache"
mkdir -p "$CASSINI_CACHE"
[ -d "$shared_cache/k8s" ] && ln -s "$shared_cache/k8s" "$CASSINI_CACHE/k8s"
reader_pid=
watch_pid=
writer_pid=

cassini() { "$root/cassini" "$@"; }
cleanup() {
  local rc=$?
  for pid in "$reader_pid" "$watch_pid" "$writer_pid"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$reader_pid" "$watch_pid" "$writer_pid"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  echo "cleaning up: ./cassini down (private devkube in $CASSINI_CACHE/devkube) ..."
  cassini down >"$logs/down.log" 2>&1 || echo "cassini down failed; see $logs/down.log"
  cp "$CASSINI_CACHE/devkube/devkube.log" "$logs/" 2>/dev/null || true
  local i=0 f
  while IFS= read -r f; do
    i=$((i + 1)); cp "$f" "$logs/system-$i.log" 2>/dev/null || true
  done < <(find "$CASSINI_CACHE/devkube" -path '*/volumes/*' -name system.log 2>/dev/null)
  rm -rf "$CASSINI_CACHE"
  echo "logs: $logs"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
seconds() { echo "scale=1; ($2 - $1) / 1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
fail() { echo "$*" >&2; exit 1; }
py() { "$venv/bin/python" "$@"; }
client() { py "$here/client.py" "$@"; }
# client.py write, in the background and waited for, so a signal reaches the script (and its
# cleanup) at once rather than after the write; its output goes to the log file given first.
writer() {
  local log=$1 rc=0
  shift
  "$venv/bin/python" "$here/client.py" write "$@" >>"$log" 2>&1 &
  writer_pid=$!
  wait "$writer_pid" || rc=$?
  writer_pid=
  return $rc
}

free_kb=$(df -Pk /tmp | awk 'NR == 2 {print $4}')
((free_kb / 1024 > megabytes * 8)) || fail "/tmp has $((free_kb / 1024)) MB free; this size needs about $((megabytes * 8)) MB"

# The client's venv, made once.
if ! py -c "import cassandra, sys; sys.exit(cassandra.__version__ != '$driver_version')" 2>/dev/null; then
  echo "installing cassandra-driver $driver_version into $venv ..."
  python=$(command -v python3.11 || command -v python3)
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q "cassandra-driver==$driver_version" >"$logs/pip.log" 2>&1 \
    || { tail -20 "$logs/pip.log"; fail "could not install cassandra-driver $driver_version; see $logs/pip.log"; }
fi
cassini --version >/dev/null   # build once, outside the measurement
kubectl_bin=$(find -L "$shared_cache/k8s" -maxdepth 2 -name kubectl -type f 2>/dev/null | head -1 || true)
load_before=$(uptime)
echo "load before: $load_before"

# --- the cluster ---
cat >"$logs/cluster.yaml" <<EOF
apiVersion: cassini.dev/v1alpha1
kind: CassandraCluster
metadata:
  name: $name
  namespace: default
spec:
  cassandraVersion: "5.0.9"
  deletionPolicy: Delete
  datacenters:
    - name: dc1
      size: 3
      heap: 1G
      storage:
        size: 20Gi
      config:
        hinted_handoff_enabled: false
      racks:
        - {name: r1, zone: zone-a}
        - {name: r2, zone: zone-b}
        - {name: r3, zone: zone-c}
EOF
# As bench/bringup.sh does: `./cassini up` with its demo cluster, the demo deleted, then this one
# applied (so the operator is the one `./cassini up` installs, as a user gets it).
echo "starting a private devkube, the operator and a 3-node cluster ..."
t0=$(now)
cassini up >"$logs/up.log" 2>&1 || { tail -20 "$logs/up.log"; fail "cassini up failed; see $logs/up.log"; }
KUBECONFIG="$(cassini dev kubeconfig)"
export KUBECONFIG
[ -z "$kubectl_bin" ] && kubectl_bin=$(find -L "$shared_cache/k8s" "$CASSINI_CACHE" -maxdepth 3 -name kubectl -type f | head -1)
[ -x "$kubectl_bin" ] || fail "no kubectl under $shared_cache/k8s (devkube builds one)"
kubectl() { "$kubectl_bin" "$@"; }
operator=(-n cassini-system deployment/cassini-operator)
kubectl delete cc demo --wait=true --timeout=300s >/dev/null
kubectl delete pvc -l cassini.dev/cluster=demo --wait=true --timeout=120s >/dev/null
kubectl wait --for=delete pod -l cassini.dev/cluster=demo --timeout=300s >/dev/null 2>&1 || true
kubectl apply -f "$logs/cluster.yaml" >/dev/null
kubectl wait --for=condition=Ready "cc/$name" --timeout=900s >/dev/null \
  || { kubectl get cc "$name" -o yaml >"$logs/cluster.status.yaml" 2>&1; fail "cc/$name was not Ready within 900 s; see $logs/cluster.status.yaml"; }
echo "cluster ready in $(seconds "$t0" "$(now)") s"

# The nodes' pods and addresses, sorted by pod name (addresses change when pods are recreated).
read_nodes() {
  mapfile -t pods < <(kubectl get cc "$name" -o json | jq -r '.status.nodes | sort_by(.pod) | .[].pod')
  mapfile -t ips < <(kubectl get cc "$name" -o json | jq -r '.status.nodes | sort_by(.pod) | .[].ip')
  ((${#ips[@]} == 3)) || fail "expected 3 nodes in the status of cc/$name, got: ${ips[*]}"
  hosts=$(IFS=,; echo "${ips[*]}")
}
read_nodes
CQL_USER=$(kubectl get secret "$name-superuser" -o jsonpath='{.data.username}' | base64 -d)
CQL_PASSWORD=$(kubectl get secret "$name-superuser" -o jsonpath='{.data.password}' | base64 -d)
export CQL_USER CQL_PASSWORD
echo "nodes: ${pods[*]} at ${ips[*]}"

agent() { curl -sf -m 10 "http://$1:8080/api/v1/$2"; }
# Runs an agent operation as a job on a node and waits for it (polled every 0.2 s); fails unless it succeeded.
agent_job() {
  local ip=$1 operation=$2 body=$3 id job state
  id=$(curl -sf -m 30 -X POST "http://$ip:8080/api/v1/operations/$operation" -H 'Content-Type: application/json' \
    -d "$body" | jq -r .id) || fail "the agent of $ip refused $operation: $body"
  while :; do
    job=$(agent "$ip" "jobs/$id") || { sleep 1; continue; }
    state=$(jq -r .state <<<"$job")
    [ "$state" != RUNNING ] && break
    sleep 0.2
  done
  echo "$job" >>"$logs/agent-jobs.jsonl"
  [ "$state" = SUCCEEDED ] || fail "$operation on $ip failed: $(jq -r .error <<<"$job")"
}
# Bytes the nodes have sent each other for repairs (Cassandra's TotalOutgoingRepairBytes, summed).
repair_bytes() {
  local ip sum=0 b
  for ip in "${ips[@]}"; do
    b=$(agent "$ip" node | jq -r '.repairBytesSent // empty') || true
    [ -n "$b" ] || fail "node $ip does not report repairBytesSent"
    sum=$((sum + b))
  done
  echo "$sum"
}
# Cassandra repair sessions the agents ran for a repair, and their run times summed (JSON).
session_stats() {
  local ip
  for ip in "${ips[@]}"; do agent "$ip" jobs; done | client sessions "$1"
}
loads() {
  local i out=
  for i in 0 1 2; do out+="${out:+, }${pods[$i]} $(agent "${ips[$i]}" node | jq -r .load)"; done
  echo "$out"
}
# Every node NORMAL, seeing all three up and normal, and no compaction pending on any.
quiet() {
  local ip node ring
  for ip in "${ips[@]}"; do
    node=$(agent "$ip" node) || return 1
    [ "$(jq -r .state <<<"$node")" = NORMAL ] || return 1
    [ "$(jq -r '.pendingCompactions // -1' <<<"$node")" = 0 ] || return 1
    ring=$(agent "$ip" ring) || return 1
    [ "$(jq '[.endpoints[] | select(.status == "UP" and .state == "NORMAL")] | length' <<<"$ring")" = 3 ] || return 1
  done
}
wait_quiet() {
  local deadline=$((SECONDS + 3600))
  until quiet; do
    ((SECONDS < deadline)) || fail "the cluster did not settle within an hour (nodes down, or compactions pending)"
    sleep 2
  done
}
# The state before every measurement: the table flushed everywhere, compactions done, ring whole.
settle() {
  local t0 ip
  t0=$(now)
  wait_quiet
  for ip in "${ips[@]}"; do agent_job "$ip" flush "{\"keyspace\":\"$keyspace\"}"; done
  sleep 5   # let a compaction the flush made due show up as pending
  wait_quiet
  kubectl wait --for=condition=Ready "cc/$name" --timeout=600s >/dev/null
  echo "  settled in $(seconds "$t0" "$(now)") s; loads: $(loads)"
}

# --- Cassini's repair: a CassandraRepair, timed from the apply to phase Succeeded ---
cassini_repair() {
  local repair=$1 t0 phase=
  cat >"$logs/$repair.yaml" <<EOF
apiVersion: cassini.dev/v1alpha1
kind: CassandraRepair
metadata:
  name: $repair
  namespace: default
spec:
  cluster: $name
  keyspaces: [$keyspace]
EOF
  t0=$(now)
  kubectl apply -f "$logs/$repair.yaml" >/dev/null
  until [ "$phase" = Succeeded ]; do
    # A watch, not a kubectl a second: the poll costs the measured nodes nothing. Restarted if the
    # API server ends it (long repairs).
    if [ -z "$watch_pid" ] || ! kill -0 "$watch_pid" 2>/dev/null; then
      "$kubectl_bin" get crp "$repair" -w -o jsonpath='{.status.phase}{"\n"}' >>"$logs/$repair.phases" 2>&1 &
      watch_pid=$!
    fi
    sleep 0.2
    phase=$(grep -E '^(Succeeded|Failed)$' "$logs/$repair.phases" | tail -1 || true)
    if [ "$phase" = Failed ]; then
      kubectl get crp "$repair" -o yaml >"$logs/$repair.status.yaml" 2>&1 || true
      fail "Cassini's repair $repair failed: $(kubectl get crp "$repair" -o jsonpath='{.status.message}'); see $logs/$repair.status.yaml"
    fi
  done
  repair_s=$(seconds "$t0" "$(now)")
  kill "$watch_pid" 2>/dev/null || true
  wait "$watch_pid" 2>/dev/null || true
  watch_pid=
  kubectl get crp "$repair" -o yaml >"$logs/$repair.status.yaml"
  kubectl logs "${operator[@]}" >"$logs/operator-$repair.log" 2>&1 || true
  cassini_segments=$(kubectl get crp "$repair" -o jsonpath='{.status.segments}')
  cassini_status_bytes=$(kubectl get crp "$repair" -o jsonpath='{.status.bytesStreamed}')
}

# --- the peer: nodetool repair -full <keyspace> on each node in turn, through the agent ---
peer_repair() {
  local id=$1 t0 t i
  peer_each=
  t0=$(now)
  for i in 0 1 2; do
    t=$(now)
    agent_job "${ips[$i]}" repair \
      "{\"repairId\":\"$id\",\"segment\":\"node-$((i + 1))\",\"keyspace\":\"$keyspace\",\"parallelism\":\"PARALLEL\",\"incremental\":false}"
    peer_each+="${peer_each:+, }${pods[$i]} $(seconds "$t" "$(now)") s"
  done
  repair_s=$(seconds "$t0" "$(now)")
}

# --- Cassandra's own scheduler: the cluster switched to repair.mode Cassandra (a rolling restart) ---
# Every pod on its StatefulSet's newest revision, and the cluster Ready.
rolled_out() {
  local sts pods_json
  [ "$(kubectl get cc "$name" -o jsonpath='{.status.observedGeneration}')" = \
    "$(kubectl get cc "$name" -o jsonpath='{.metadata.generation}')" ] || return 1
  [ "$(kubectl get cc "$name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ] || return 1
  pods_json=$(kubectl get pods -l "cassini.dev/cluster=$name" -o json)
  for sts in $(kubectl get sts -l "cassini.dev/cluster=$name" -o jsonpath='{.items[*].metadata.name}'); do
    local revision
    revision=$(kubectl get sts "$sts" -o jsonpath='{.status.updateRevision}')
    [ -n "$revision" ] || return 1
    jq -e --arg sts "$sts" --arg rev "$revision" '[.items[] | select(.metadata.ownerReferences[0].name == $sts)
      | select(.metadata.labels["controller-revision-hash"] != $rev or (.status.phase != "Running"))] | length == 0' \
      <<<"$pods_json" >/dev/null || return 1
  done
}
switch_to_cassandra_repairs() {
  local t0
  t0=$(now)
  sed -e 's/^  deletionPolicy: Delete$/  deletionPolicy: Delete\n  repair: {mode: Cassandra}/' \
    -e 's/^        hinted_handoff_enabled: false$/        hinted_handoff_enabled: false\n        auto_repair:\n          repair_check_interval: 5s\n          repair_task_min_duration: 0s\n          repair_type_overrides:\n            full: {initial_scheduler_delay: 5s, min_repair_interval: 10s}/' \
    "$logs/cluster.yaml" >"$logs/cluster-auto-repair.yaml"
  grep -q 'mode: Cassandra' "$logs/cluster-auto-repair.yaml" && grep -q 'min_repair_interval' "$logs/cluster-auto-repair.yaml" \
    || fail "could not write $logs/cluster-auto-repair.yaml"
  echo "  switching to repair.mode Cassandra (a rolling restart) ..."
  kubectl apply -f "$logs/cluster-auto-repair.yaml" >/dev/null
  sleep 10
  wait_for "the rolling restart into repair.mode Cassandra" 1800 rolled_out
  read_nodes
  local off
  off=$(now)
  client auto-repair "$hosts" off || fail "could not turn the auto-repair of bench.data off"
  client auto-repair-wait "$hosts" "$off" >/dev/null 2>>"$logs/auto-repair-wait.log" \
    || fail "the nodes did not finish a turn after bench.data's auto-repair went off"
  wait_quiet
  echo "  every node restarted with Cassandra's scheduler on, bench.data left out of it, after $(seconds "$t0" "$(now)") s; nodes at ${ips[*]}"
}

node_process_is() { [ "$(agent "$1" node | jq -r .process)" = "$2" ]; }
node_state_is() { [ "$(agent "$1" node | jq -r .state)" = "$2" ]; }
wait_for() {   # what, seconds, command...
  local what=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "waited too long for $what"
    sleep 0.5
  done
}

# --- the inconsistency: the victim misses a fresh batch of rows ---
batches=0
make_inconsistent() {
  local first=$((rows + batches * extra)) ip=${ips[$victim]} t0
  batches=$((batches + 1))
  t0=$(now)
  echo "  inconsistency: ${pods[$victim]} stopped while rows $first..$((first + extra - 1)) are written"
  kubectl scale "${operator[@]}" --replicas=0 >/dev/null
  kubectl wait -n cassini-system --for=delete pod -l app.kubernetes.io/name=cassini-operator --timeout=180s >/dev/null 2>&1 || true
  curl -sf -m 30 -X POST "http://$ip:8080/api/v1/lifecycle/stop" -H 'Content-Type: application/json' -d '{"drain":true}' >/dev/null \
    || fail "the agent of $ip refused to stop its node"
  wait_for "${pods[$victim]} to stop" 300 node_process_is "$ip" EXITED
  writer "$logs/write.log" "$hosts" "$first" "$extra" || fail "writing the batch failed; see $logs/write.log"
  tail -1 "$logs/write.log" | sed 's/^/  /'
  kubectl scale "${operator[@]}" --replicas=1 >/dev/null
  wait_for "${pods[$victim]} to be started again by the operator" 900 node_state_is "$ip" NORMAL
  echo "  ${pods[$victim]} back (the operator started it) after $(seconds "$t0" "$(now)") s"
}

# --- one measured repair: a fresh reader, a window without repair, then the repair ---
declare -A result
measure() {
  local who=$1 out="$logs/reads-$1.txt" line b0 b1 tb0 tr0 tr1 peer_id
  : >"$out"
  # Started directly (not through a function), so $! is the client's own PID.
  "$venv/bin/python" "$here/client.py" read "$hosts" "$rows" "$rate" "$out" >"$logs/reader-$who.log" 2>&1 &
  reader_pid=$!
  until grep -q '^ready' "$logs/reader-$who.log"; do
    kill -0 "$reader_pid" 2>/dev/null || fail "the reader exited; see $logs/reader-$who.log"
    sleep 0.2
  done
  echo "  $warmup_s s of reads to warm up, then $baseline_s s of reads without repair ..."
  sleep "$warmup_s"
  tb0=$(now)
  client cpu >"$logs/cpu-$who-0.json"
  sleep "$baseline_s"
  tr0=$(now)
  client cpu >"$logs/cpu-$who-1.json"
  b0=$(repair_bytes)
  echo "  $who's repair ..."
  if [ "$who" = cassini ]; then
    cassini_repair timed
    result[cassini,sessions]=$(session_stats timed)
    result[cassini,detail]="$cassini_segments segments; status.bytesStreamed $cassini_status_bytes"
  elif [ "$who" = auto ]; then
    local ta
    ta=$(now)
    client auto-repair "$hosts" on || fail "could not turn the auto-repair of bench.data on"
    result[auto,sessions]=$(client auto-repair-wait "$hosts" "$ta" 2>>"$logs/auto-repair-wait.log")
    repair_s=$(seconds "$ta" "$(now)")
    result[auto,detail]="one turn per node (host ID: seconds): $(jq -c .turns <<<"${result[auto,sessions]}")"
  else
    peer_id="peer-$(date +%s)"
    peer_repair "$peer_id"
    result[peer,sessions]=$(session_stats "$peer_id")
    result[peer,detail]="3 repair commands, one per node: $peer_each"
  fi
  tr1=$(now)
  client cpu >"$logs/cpu-$who-2.json"
  b1=$(repair_bytes)
  kill -TERM "$reader_pid"; wait "$reader_pid" || true; reader_pid=
  result[$who,seconds]=$repair_s
  result[$who,bytes]=$((b1 - b0))
  result[$who,base]="$out:$tb0:$tr0"
  result[$who,during]="$out:$tr0:$tr1"
  line=$(client stats "${result[$who,during]}")
  echo "  $who: $repair_s s, $((b1 - b0)) bytes streamed; sessions: ${result[$who,sessions]}; reads during: $line"
}

# --- the data ---
echo "writing $megabytes MB ($rows rows of $row_bytes random bytes) at LOCAL_QUORUM ..."
writer "$logs/load.log" "$hosts" 0 "$rows" --create || { tail -5 "$logs/load.log"; fail "the load failed; see $logs/load.log"; }
tail -1 "$logs/load.log"
echo "settling (flush, compactions) ..."
settle
echo "untimed first repair (Cassini), so the timed ones start from consistent data ..."
t0=$(now); b0=$(repair_bytes)
cassini_repair warmup
warmup_line="$repair_s s, $(( $(repair_bytes) - b0 )) bytes streamed, $cassini_segments segments"
echo "  warm-up repair: $warmup_line"

sides=(cassini peer)
[ "$order" = peer-first ] && sides=(peer cassini)
for who in "${sides[@]}"; do
  echo "$who:"
  make_inconsistent
  settle
  measure "$who"
done
echo "auto (Cassandra's own auto-repair scheduler):"
switch_to_cassandra_repairs
make_inconsistent
settle
measure auto
sides+=(auto)
load_after=$(uptime)

# --- the table ---
window_stats() { client stats "$@"; }
field() { jq -r ".$1" <<<"$2"; }
base_c=$(window_stats "${result[cassini,base]}")
base_p=$(window_stats "${result[peer,base]}")
base_a=$(window_stats "${result[auto,base]}")
base_all=$(window_stats "${result[cassini,base]}" "${result[peer,base]}")
during_c=$(window_stats "${result[cassini,during]}")
during_p=$(window_stats "${result[peer,during]}")
during_a=$(window_stats "${result[auto,during]}")
b99=$(field p99 "$base_all")
table="$logs/table.txt"
{
  echo "data: $megabytes MB of table data ($rows rows of $row_bytes random bytes, RF 3, so every node holds all of it);"
  echo "warm-up repair (untimed, Cassini): $warmup_line"
  echo "before each timed repair ${pods[$victim]} missed $extra fresh rows ($((extra * row_bytes / 1000000)) MB) written while it was down"
  echo "order: $order; reads: $rate/s at LOCAL_QUORUM, random rows, latency from each read's intended start"
  echo
  row5() { printf "%-44s %12s %12s %12s %13s %13s\n" "$@"; }
  nonzero() { echo $(( $1 > 0 ? $1 : 1 )); }
  row5 "" Cassini peer auto-repair Cassini/peer Cassini/auto
  row5 "repair time, s" "${result[cassini,seconds]}" "${result[peer,seconds]}" "${result[auto,seconds]}" \
    "$(ratio "${result[cassini,seconds]}" "${result[peer,seconds]}")" "$(ratio "${result[cassini,seconds]}" "${result[auto,seconds]}")"
  c_in=$(field seconds "${result[cassini,sessions]}"); p_in=$(field seconds "${result[peer,sessions]}")
  a_in=$(field seconds "${result[auto,sessions]}")
  row5 "  repair sessions (auto-repair: node turns)" "$(field sessions "${result[cassini,sessions]}")" \
    "$(field sessions "${result[peer,sessions]}")" "$(field sessions "${result[auto,sessions]}")" - -
  row5 "  time inside them (summed), s" "$c_in" "$p_in" "$a_in" "$(ratio "$c_in" "$p_in")" "$(ratio "$c_in" "$a_in")"
  row5 "  time between them, s" "$(echo "${result[cassini,seconds]} - $c_in" | bc)" \
    "$(echo "${result[peer,seconds]} - $p_in" | bc)" "$(echo "${result[auto,seconds]} - $a_in" | bc)" - -
  row5 "bytes streamed (TotalOutgoingRepairBytes)" "${result[cassini,bytes]}" "${result[peer,bytes]}" "${result[auto,bytes]}" \
    "$(ratio "${result[cassini,bytes]}" "$(nonzero "${result[peer,bytes]}")")" \
    "$(ratio "${result[cassini,bytes]}" "$(nonzero "${result[auto,bytes]}")")"
  echo
  printf "%-44s %8s %7s %9s %9s %9s %14s\n" "read latency, ms" reads errors p50 p99 p99.9 "p99/p99 w/o"
  lat_row() {
    printf "%-44s %8s %7s %9s %9s %9s %14s\n" "$1" "$(field reads "$2")" "$(field errors "$2")" \
      "$(field p50 "$2")" "$(field p99 "$2")" "$(field p999 "$2")" "$3"
  }
  lat_row "without repair, before Cassini's ($baseline_s s)" "$base_c" "$(ratio "$(field p99 "$base_c")" "$b99")"
  lat_row "without repair, before the peer's ($baseline_s s)" "$base_p" "$(ratio "$(field p99 "$base_p")" "$b99")"
  lat_row "without repair (both windows)" "$base_all" 1.00
  lat_row "during Cassini's repair" "$during_c" "$(ratio "$(field p99 "$during_c")" "$b99")"
  lat_row "during the peer's repair" "$during_p" "$(ratio "$(field p99 "$during_p")" "$b99")"
  lat_row "without repair, before auto-repair's ($baseline_s s)" "$base_a" "$(ratio "$(field p99 "$base_a")" "$b99")"
  lat_row "during Cassandra's auto-repair" "$during_a" "$(ratio "$(field p99 "$during_a")" "$b99")"
  echo
  printf "%-44s%10s%10s%10s%10s%10s%10s%10s\n" "CPU used, cores (of $(nproc))" Cassandra agents operator kube reader other total
  for who in "${sides[@]}"; do
    case $who in cassini) label="Cassini's" ;; peer) label="the peer's" ;; *) label="auto-repair's" ;; esac
    client cpurow "without repair, before $label" "$logs/cpu-$who-0.json" "$logs/cpu-$who-1.json"
    client cpurow "during $label repair" "$logs/cpu-$who-1.json" "$logs/cpu-$who-2.json"
  done
  echo "(kube: kube-apiserver, etcd, controller-manager, scheduler and devkube's kubelet; other: the rest of the machine)"
  echo
  echo "Cassini: ${result[cassini,detail]}"
  echo "peer: ${result[peer,detail]}"
  echo "auto-repair: ${result[auto,detail]}; the window without repair before it had the scheduler's"
  echo "  turns over the system keyspaces running, as they do every min_repair_interval (10 s here)"
  t_ratio=$(ratio "${result[cassini,seconds]}" "${result[peer,seconds]}")
  p_ratio=$(ratio "$(field p99 "$during_c")" "$b99")
  verdict() { [ "$(echo "$1 <= $2" | bc)" = 1 ] && echo met || echo "NOT met"; }
  echo "targets: time <= 1.2x the peer's: $t_ratio, $(verdict "$t_ratio" 1.2);" \
    "p99 during Cassini's repair <= 1.2x p99 without: $p_ratio, $(verdict "$p_ratio" 1.2)"
} >"$table"
echo
cat "$table"
echo "load after: $load_after"
{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$command_line\`"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory"
  echo "- load before: \`$load_before\`"
  echo "- load after: \`$load_after\`"
  echo
  echo '```'
  cat "$table"
  echo '```'
} >>"$here/RESULTS.md"
echo "appended to $here/RESULTS.md"
