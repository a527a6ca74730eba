#!/usr/bin/env bash
# Measurement, run by hand: what a Ready cluster costs the API server when nothing happens. Reads
# the API server's own apiserver_request_total counters twice, SECONDS apart, on the devkube of
# `./cassini up` (start one first and wait for Ready), and prints the requests per minute by verb
# and resource, writes first. Devkube's own components (kubelet heartbeats, leases, the controller
# manager) count too; the resources the operator uses are marked. Also prints the operator's RSS and
# its reconciliations per minute (its own cassini_operator_reconciliations_total).
#   bench/steady-state.sh [SECONDS]     (default 120)
set -euo pipefail
seconds=${1:-120}
export KUBECONFIG="${KUBECONFIG:-$HOME/.cache/cassini/devkube/kubeconfig}"
kubectl=$(command -v kubectl || ls -d "$HOME"/.cache/cassini/k8s/*/kubectl 2>/dev/null | head -1)
[ -x "$kubectl" ] || { echo "no kubectl; run ./cassini up first" >&2; exit 1; }
"$kubectl" get cc -A >/dev/null || { echo "no devkube answers at $KUBECONFIG; run ./cassini up first" >&2; exit 1; }

sample() { "$kubectl" get --raw /metrics | grep '^apiserver_request_total{'; }
# The operator's own count of reconciliations, from its /metrics (port 8081 on its pod's address).
operator_ip=$("$kubectl" get pods -n cassini-system -l app.kubernetes.io/name=cassini -o jsonpath='{.items[0].status.podIP}' 2>/dev/null || true)
reconciles() {
  [ -n "$operator_ip" ] || return 0
  curl -sf "http://$operator_ip:8081/metrics" | awk '/^cassini_operator_reconciliations_total\{/ {n += $NF} END {print n + 0}'
}
before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
reconciles_before=$(reconciles)
sample >"$before"
echo "sampling for ${seconds}s ..." >&2
sleep "$seconds"
sample >"$after"
reconciles_after=$(reconciles)

python3 - "$before" "$after" "$seconds" <<'EOF'
import re, sys
from collections import defaultdict
def read(path):
    counts = defaultdict(float)
    for line in open(path):
        labels, value = line.rsplit(" ", 1)
        l = dict(re.findall(r'(\w+)="([^"]*)"', labels))
        counts[(l.get("verb", ""), l.get("resource", ""), l.get("subresource", ""))] += float(value)
    return counts
before, after, seconds = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
operators = {"cassandraclusters", "cassandrarepairs", "cassandratasks", "cassandrabackups", "cassandrarestores",
             "cassandrabackupschedules", "statefulsets", "pods", "persistentvolumeclaims", "secrets", "services",
             "configmaps", "poddisruptionbudgets", "events", "servicemonitors", "podmonitors"}
writes = {"POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"}
rows = []
for key in set(before) | set(after):
    delta = after.get(key, 0) - before.get(key, 0)
    if delta > 0:
        rows.append((key[0] not in writes, -delta, key, delta * 60 / seconds))
rows.sort()
total_w = sum(r[3] for r in rows if not r[0])
total_wo = sum(r[3] for r in rows if not r[0] and r[2][1] in operators)
print(f"{'VERB':8} {'RESOURCE':34} {'PER MIN':>8}")
for is_read, _, (verb, resource, sub), per_min in rows:
    name = resource + ("/" + sub if sub else "")
    mark = "  <- operator's resources" if resource in operators else ""
    print(f"{verb:8} {name:34} {per_min:8.1f}{mark}")
print(f"\nwrites per minute: {total_w:.1f} in all, {total_wo:.1f} to the operator's resources")
EOF
# the operator's resident memory (devkube runs it as a process of this machine)
for pid in $(pgrep -f "java .*cassini.jar.* dev.cassini.operator.OperatorMain" || true); do
  echo "operator RSS: $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 )) MiB (pid $pid)"
done
echo "clusters: $("$kubectl" get cc -A --no-headers | wc -l)"
if [ -n "$reconciles_before" ] && [ -n "$reconciles_after" ]; then
  echo "reconciles per minute: $(echo "scale=1; ($reconciles_after - $reconciles_before) * 60 / $seconds" | bc)"
fi
