#!/usr/bin/env bash
# Benchmark, run by hand: a rolling restart (the cassini.dev/restartedAt annotation) of a cluster of
# 3 and of 6 nodes in 3 racks under LOCAL_QUORUM traffic, rack by rack (the default where every
# keyspace keeps each replica in a different rack: the two nodes of a rack restart together) against
# the peer, one node at a time (rollingRestart.maxUnavailable: 1, as a StatefulSet's rolling update
# or cass-operator goes), measured in the same run on the same cluster. Also each node's own
# drain-and-start (its time out of service, median over the nodes of the one-at-a-time restart),
# the unit the target is given in: 6 nodes rack by rack within 3 times that.
#   bench/rolling-restart.sh [sizes]     (default 3,6; nodes over 3 racks, at most 6)
# The traffic is bench/restart/traffic.py (the Python driver, from PyPI into a cached venv): four
# threads writing a row and reading it back at LOCAL_QUORUM, every failure counted.
# Runs its own devkube (bench/lib/private-devkube.sh). Needs about 1 GiB per node.
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=${1:-3,6}
timeout_s=1500
for size in ${sizes//,/ }; do
  if ! [[ "$size" =~ ^[3-6]$ ]]; then
    echo "size $size: give sizes from 3 to 6 (3 racks; devkube has 6 workers, one Cassandra pod each)" >&2
    exit 2
  fi
done
venv="${CASSINI_CACHE:-$HOME/.cache/cassini}/python-bench"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import cassandra' 2>/dev/null; then
  echo "installing the Python Cassandra driver into $venv (once) ..."
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'cassandra-driver==3.30.1'
fi
# shellcheck source=bench/lib/private-devkube.sh
. "$root/bench/lib/private-devkube.sh"

cassini --version >/dev/null   # build once, outside the measurement
echo "load before: $(uptime)"
echo "starting devkube, the operator and the default 3-node cluster ..."
private_devkube_up
delete_cluster demo

cluster_yaml() {
  cat <<YAML
apiVersion: cassini.dev/v1alpha1
kind: CassandraCluster
metadata:
  name: $1
  namespace: default
spec:
  cassandraVersion: "5.0.6"
  deletionPolicy: Delete
  repair: {enabled: false}
  datacenters:
    - name: dc1
      size: $2
      heap: 512M
      storage: {size: 2Gi}
      racks:
        - {name: r1, zone: zone-a}
        - {name: r2, zone: zone-b}
        - {name: r3, zone: zone-c}
YAML
}

# One line per pod and second: "<epoch ns> <pod> <uid> <serving>", serving = Ready and not deleting.
poll_pods() {
  kubectl get pods -l "cassini.dev/cluster=$1" -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid} {.metadata.deletionTimestamp} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' |
    awk -v t="$(date +%s%N)" '{ serving = ($3 == "True") ? 1 : 0; print t, $1, $2, serving }'
}

# Restarts every node of cluster $1 and prints "<seconds> <median node outage seconds>".
restart() {
  local name=$1 polls=$2 t0 t1 before
  before=$(kubectl get pods -l "cassini.dev/cluster=$name" -o jsonpath='{range .items[*]}{.metadata.name}={.metadata.uid} {end}')
  poll_pods "$name" >"$polls"
  t0=$(date +%s%N)
  kubectl annotate cc "$name" cassini.dev/restartedAt="$(date -Is)" --overwrite >/dev/null
  while :; do
    poll_pods "$name" >>"$polls"
    if python3 "$root/bench/restart/outages.py" done "$polls" "$before" && \
       [ "$(kubectl get cc "$name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]; then
      break
    fi
    if (( ($(date +%s%N) - t0) / 1000000000 > timeout_s )); then
      echo "$name: not every node restarted within $timeout_s s; last step: $(kubectl get cc "$name" -o jsonpath='{.status.step}')" >&2
      return 1
    fi
    sleep 1
  done
  t1=$(date +%s%N)
  echo "$(echo "scale=1; ($t1 - $t0) / 1000000000" | bc) $(python3 "$root/bench/restart/outages.py" median "$polls" "$before")"
}

declare -A seconds node_s failed requests
printf "%-5s %-14s %9s %14s %9s %9s\n" size mode seconds "node out (s)" requests failed
for size in ${sizes//,/ }; do
  name="rr$size"
  cluster_yaml "$name" "$size" >"$logs/$name.yaml"
  kubectl apply -f "$logs/$name.yaml" >/dev/null
  kubectl wait --for=condition=Ready "cc/$name" --timeout=900s >/dev/null
  user=$(kubectl get secret "$name-superuser" -o jsonpath='{.data.username}' | base64 -d)
  password=$(kubectl get secret "$name-superuser" -o jsonpath='{.data.password}' | base64 -d)
  mapfile -t addresses < <(kubectl get pods -l "cassini.dev/cluster=$name" -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}')
  cassini cql -c "$name" "CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}; CREATE TABLE IF NOT EXISTS bench.kv (k int PRIMARY KEY, v text)" >/dev/null
  "$venv/bin/python" "$root/bench/restart/traffic.py" "$user" "$password" "${addresses[@]}" >"$logs/$name.traffic" 2>"$logs/$name.traffic.err" &
  traffic=$!
  for _ in $(seq 1 60); do grep -q 'traffic running' "$logs/$name.traffic" && break; sleep 1; done
  sleep 10
  kill -USR1 "$traffic"   # counting starts with the first restart
  for mode in one-at-a-time rack-by-rack; do
    if [ "$mode" = one-at-a-time ]; then
      kubectl patch cc "$name" --type=json -p '[{"op":"add","path":"/spec/datacenters/0/rollingRestart","value":{"maxUnavailable":1}}]' >/dev/null
    else
      kubectl patch cc "$name" --type=json -p '[{"op":"remove","path":"/spec/datacenters/0/rollingRestart"}]' >/dev/null
    fi
    out=$(restart "$name" "$logs/$name.$mode.polls") || exit 1
    read -r s median <<<"$out"
    kill -USR1 "$traffic"
    sleep 1
    summary=$(grep '^{' "$logs/$name.traffic" | tail -1)
    seconds[$size,$mode]=$s
    node_s[$size,$mode]=$median
    requests[$size,$mode]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests"])' "$summary")
    failed[$size,$mode]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["failures"])' "$summary")
    printf "%-5s %-14s %9s %14s %9s %9s\n" "$size" "$mode" "$s" "$median" "${requests[$size,$mode]}" "${failed[$size,$mode]}"
    kubectl logs "${operator[@]}" >"$logs/$name.$mode.operator.log" 2>&1 || true
  done
  kill "$traffic"; wait "$traffic" || true
  delete_cluster "$name"
done

echo
echo "node out: one node's drain and start (time out of service), median over the one-at-a-time restart's nodes"
printf "%-5s %15s %15s %16s %24s %14s\n" size "one-at-a-time" "rack-by-rack" "node out (s)" "rack-by-rack / one-at-a-time" "rack / node"
for size in ${sizes//,/ }; do
  one=${seconds[$size,one-at-a-time]} rack=${seconds[$size,rack-by-rack]} node=${node_s[$size,one-at-a-time]}
  printf "%-5s %15s %15s %16s %24s %14s\n" "$size" "$one" "$rack" "$node" \
    "$(echo "scale=2; $rack / $one" | bc)" "$(echo "scale=2; $rack / $node" | bc)"
done
echo "failed requests: $(for k in "${!failed[@]}"; do echo "$k=${failed[$k]}"; done | sort | tr '\n' ' ')"
echo "load after: $(uptime)"
