#!/usr/bin/env bash
# Benchmark, run by hand: time from `kubectl apply` of a brand-new CassandraCluster to its Ready
# condition (every node up and normal, auth set up), with Cassini's bring-up (every node starts at
# once with precomputed tokens, nothing to stream) against the peer, the conventional bring-up:
# the first node alone, then each other node bootstraps into the ring once the one before is
# normal (as cass-operator does; the operator's own scale-up path, cleanup of the earlier nodes
# included), measured in the same run on the same devkube. The operator switches modes through
# CASSINI_OPERATOR_NEW_CLUSTER_START on its Deployment. The physical limit, measured first in the
# same run: as many raw Cassandra processes started at once with precomputed tokens, no agent and
# no Kubernetes (bench/raw-ring.sh), until each has started and sees every other up. The price of
# TLS, measured the same way: Cassini's bring-up of a cluster with spec.tls client and internode
# Required (each node's certificate issued before its pod starts, every CQL and internode
# connection encrypted, the operator's auth setup over TLS). Each measurement also prints the CPU
# seconds each role of process used meanwhile (bench/lib/cpu_by_role.py: Cassandra, agents,
# operator, API server, etcd, ...), to say where the cores went.
#   bench/bringup.sh [sizes] [runs]     (default 3,6 and 1; sizes are nodes over 3 racks, at most 6)
#   MODES=concurrent,tls bench/bringup.sh 3    only some of concurrent, one-at-a-time, tls
# Runs its own devkube (bench/lib/private-devkube.sh), and stops it with `./cassini down` on exit.
# Needs about 1 GiB per node.
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=${1:-3,6}
runs=${2:-1}
wanted_modes=${MODES:-concurrent,one-at-a-time,tls}
timeout_s=900
# shellcheck source=bench/lib/private-devkube.sh
. "$root/bench/lib/private-devkube.sh"

for size in ${sizes//,/ }; do
  if ! [[ "$size" =~ ^[1-6]$ ]]; then
    echo "size $size: devkube has 6 workers and each takes one Cassandra pod; give sizes from 1 to 6" >&2
    exit 2
  fi
done

cassini --version >/dev/null   # build once, outside the measurement
echo "load before: $(uptime)"

# The raw baseline first, before devkube runs, so nothing else competes for the cores. Cassandra's
# jars come from the shared cache (this script's private one has none).
declare -A raw
for size in ${sizes//,/ }; do
  for run in $(seq 1 "$runs"); do
    echo "raw ring of $size, run $run ..."
    if ! raw[$size,$run]=$(CASSINI_CACHE="$shared_cache" "$root/bench/raw-ring.sh" "$size" 2>"$logs/raw-ring-$size-$run.log" | tail -1); then
      echo "the raw ring failed; see $logs/raw-ring-$size-$run.log" >&2
      exit 1
    fi
    printf "%-5s %-14s %4s %9s\n" "$size" raw "$run" "${raw[$size,$run]}"
    sed -n 's/^raw ring cpu: /        cpu: /p' "$logs/raw-ring-$size-$run.log"
  done
done
echo "starting devkube, the operator and the default 3-node cluster (also warms the page cache) ..."
private_devkube_up

# A freshly started operator in the given mode before every run, so no run inherits a warmer one.
operator_in_mode() {
  local mode=$1 expect
  [ "$mode" = concurrent ] && expect="every node at once" || expect="one node at a time"
  local current
  current=$(kubectl get "${operator[@]}" -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="CASSINI_OPERATOR_NEW_CLUSTER_START")].value}')
  if [ "$current" = "$mode" ]; then
    kubectl rollout restart "${operator[@]}" >/dev/null
  else
    kubectl set env "${operator[@]}" CASSINI_OPERATOR_NEW_CLUSTER_START="$mode" >/dev/null
  fi
  kubectl rollout status "${operator[@]}" --timeout=120s >/dev/null
  # Ready as a pod means its process runs; wait for the operator itself to say it watches, in this mode.
  for _ in $(seq 1 120); do
    if kubectl logs "${operator[@]}" 2>/dev/null | grep -q "watching CassandraClusters.*new clusters start $expect"; then
      return 0
    fi
    sleep 0.5
  done
  echo "the operator did not report watching in mode $mode within 60 s; its log:" >&2
  kubectl logs "${operator[@]}" 2>&1 | tail -20 >&2
  return 1
}

cluster_yaml() {
  local name=$1 size=$2 tls=${3:-}
  cat <<EOF
apiVersion: cassini.dev/v1alpha1
kind: CassandraCluster
metadata:
  name: $name
  namespace: default
spec:
  cassandraVersion: "5.0.6"
  deletionPolicy: Delete
  datacenters:
    - name: dc1
      size: $size
      heap: 512M
      storage:
        size: 2Gi
      racks:
        - {name: r1, zone: zone-a}
        - {name: r2, zone: zone-b}
        - {name: r3, zone: zone-c}
EOF
  if [ "$tls" = tls ]; then
    printf '  tls:\n    client: Required\n    internode: Required\n'
  fi
}

# Seconds from `kubectl apply` to the Ready condition, printed on stdout.
measure() {
  local name=$1 size=$2 tls=${3:-} t0 t1 ready
  cluster_yaml "$name" "$size" "$tls" >"$logs/$name.yaml"
  python3 "$root/bench/lib/cpu_by_role.py" snapshot "$logs/$name.cpu-before.json"
  t0=$(date +%s%N)
  kubectl apply -f "$logs/$name.yaml" >/dev/null || return 1
  if ! kubectl wait --for=condition=Ready "cc/$name" --timeout=${timeout_s}s >/dev/null; then
    kubectl get cc "$name" -o yaml >"$logs/$name.status.yaml" 2>&1 || true
    kubectl logs "${operator[@]}" >"$logs/$name.operator.log" 2>&1 || true
    echo "$name was not Ready (waited up to $timeout_s s); its last step: $(kubectl get cc "$name" -o jsonpath='{.status.step}' 2>&1)" >&2
    echo "see $logs/$name.status.yaml and $name.operator.log" >&2
    return 1
  fi
  t1=$(date +%s%N)
  python3 "$root/bench/lib/cpu_by_role.py" diff "$logs/$name.cpu-before.json" >"$logs/$name.cpu"
  ready=$(kubectl get cc "$name" -o jsonpath='{.status.readyNodes}/{.status.desiredNodes}')
  kubectl logs "${operator[@]}" >"$logs/$name.operator.log" 2>&1 || true
  kubectl get events --field-selector "involvedObject.name=$name" --sort-by=.lastTimestamp >"$logs/$name.events" 2>&1 || true
  if [ "$ready" != "$size/$size" ]; then
    echo "$name: Ready condition with $ready nodes ready" >&2
    return 1
  fi
  echo "scale=1; ($t1 - $t0) / 1000000000" | bc
}

delete_cluster demo
declare -A seconds
printf "%-5s %-14s %4s %9s\n" size mode run seconds
for size in ${sizes//,/ }; do
  for run in $(seq 1 "$runs"); do
    # Alternate which mode goes first, so neither always runs right after a cluster's teardown.
    modes=(concurrent one-at-a-time tls)
    (( run % 2 == 0 )) && modes=(tls one-at-a-time concurrent)
    for mode in "${modes[@]}"; do
      [[ ",$wanted_modes," == *",$mode,"* ]] || continue
      name="bu$size-${mode:0:1}$run"   # names are short: they start every pod name
      if [ "$mode" = tls ]; then
        operator_in_mode concurrent
        s=$(measure "$name" "$size" tls)
      else
        operator_in_mode "$mode"
        s=$(measure "$name" "$size")
      fi
      seconds[$size,$mode,$run]=$s
      printf "%-5s %-14s %4s %9s\n" "$size" "$mode" "$run" "$s"
      # Where the two cores went between apply and Ready, by role of process.
      sed 's/^/        cpu: /' "$logs/$name.cpu"
      delete_cluster "$name"
    done
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
echo "median over $runs run(s); raw: the Cassandra processes alone, no agent, no Kubernetes"
printf "%-5s %8s %15s %18s %9s %17s %22s %12s\n" size "raw (s)" "concurrent (s)" "one-at-a-time (s)" "tls (s)" \
  "concurrent / raw" "one-at-a-time / conc." "tls / conc."
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then echo "scale=2; $1 / $2" | bc; else echo -; fi; }
for size in ${sizes//,/ }; do
  m=()
  for mode in concurrent one-at-a-time tls; do
    m+=("$(for run in $(seq 1 "$runs"); do [ -z "${seconds[$size,$mode,$run]:-}" ] || echo "${seconds[$size,$mode,$run]}"; done | median)")
  done
  r=$(for run in $(seq 1 "$runs"); do echo "${raw[$size,$run]}"; done | median)
  printf "%-5s %8s %15s %18s %9s %17s %22s %12s\n" "$size" "$r" "${m[0]:--}" "${m[1]:--}" "${m[2]:--}" \
    "$(ratio "${m[0]}" "$r")" "$(ratio "${m[1]}" "${m[0]}")" "$(ratio "${m[2]}" "${m[0]}")"
done
echo "load after: $(uptime)"
