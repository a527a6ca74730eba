# Sourced by the benchmarks that need a devkube of their own: a private state directory (so they
# never touch a devkube of `./cassini up`), `./cassini down` and its removal on exit, and helpers.
# Control-plane binaries and Cassandra jars still come from the shared cache (pods do not inherit
# CASSINI_CACHE: agents read Cassandra from ~/.cache/cassini as always).
# Expects: root (the repository). Sets: shared_cache, work, logs, CASSINI_CACHE.
shared_cache="${CASSINI_CACHE:-$HOME/.cache/cassini}"
work=$(mktemp -d "/tmp/cassini-$(basename "$0" .sh).XXXXXX")
logs="$work/logs"
mkdir -p "$logs"
export CASSINI_CACHE="$work/cache"
mkdir -p "$CASSINI_CACHE"
[ -d "$shared_cache/k8s" ] && ln -s "$shared_cache/k8s" "$CASSINI_CACHE/k8s"
cassini() { "$root/cassini" "$@"; }
kubectl() { "$shared_cache/k8s/1.36.3-linux-amd64/kubectl" "$@"; }
operator=(-n cassini-system deployment/cassini-operator)

private_devkube_cleanup() {
  local rc=$?
  echo "cleaning up: ./cassini down (private devkube in $CASSINI_CACHE/devkube) ..."
  cassini down >"$logs/down.log" 2>&1 || echo "cassini down failed; see $logs/down.log"
  cp "$CASSINI_CACHE/devkube/devkube.log" "$logs/" 2>/dev/null || true
  rm -rf "$CASSINI_CACHE"
  echo "logs: $logs"
  exit $rc
}
trap private_devkube_cleanup EXIT
trap 'exit 130' INT TERM

# `./cassini up` in the private devkube (the operator, the default 3-node cluster, the object store),
# then KUBECONFIG for kubectl.
private_devkube_up() {
  cassini up >"$logs/up.log" 2>&1 || { tail -20 "$logs/up.log"; exit 1; }
  KUBECONFIG="$(cassini dev kubeconfig)"
  export KUBECONFIG
}

# Deletes a cluster and waits until its pods, claims and volumes are gone: the next run starts empty.
delete_cluster() {
  local name=$1
  kubectl delete cc "$name" --wait=true --timeout=300s >/dev/null
  kubectl delete pvc -l "cassini.dev/cluster=$name" --wait=true --timeout=120s >/dev/null
  kubectl wait --for=delete pod -l "cassini.dev/cluster=$name" --timeout=300s >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    [ -z "$(kubectl get pv -o jsonpath="{range .items[?(@.spec.claimRef.name)]}{.spec.claimRef.name}{'\n'}{end}" | grep -- "^data-$name-" || true)" ] && return 0
    sleep 1
  done
  echo "volumes of $name still there after 120 s" >&2
  return 1
}
