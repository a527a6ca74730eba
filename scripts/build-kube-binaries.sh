#!/usr/bin/env bash
# Builds the Kubernetes control-plane binaries devkube runs (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl) from Go modules and installs them into the
# cache in setup-envtest layout:
#   ${CASSINI_CACHE:-~/.cache/cassini}/k8s/<version>-linux-amd64/
# No prebuilt binaries can be downloaded on our machines, so we compile from the module proxy.
# The build goes to a temporary directory next to the cache entry and is renamed into place
# only when complete, so a killed build never leaves a half-filled cache entry behind.
# Concurrent callers (parallel test JVMs) serialise on a lock; the second one finds the cache
# filled and returns at once.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE_DIR="$REPO_ROOT/devkube/kube-binaries"
# The pinned version lives in go.mod; everything else derives from it.
KUBE_VERSION="$(awk '$1=="k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' "$MODULE_DIR/go.mod")"
KUBE_VERSION="${KUBE_VERSION#v}"
if [[ -z "$KUBE_VERSION" ]]; then
  echo "build-kube-binaries: cannot read the k8s.io/kubernetes version from $MODULE_DIR/go.mod" >&2
  exit 1
fi
ETCD_VERSION="$(awk '$1=="go.etcd.io/etcd/server/v3" && $2 ~ /^v/ {print $2; exit}' "$MODULE_DIR/go.mod")"
MAJOR="${KUBE_VERSION%%.*}"
MINOR="$(echo "$KUBE_VERSION" | cut -d. -f2)"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl)

CACHE_ROOT="${CASSINI_CACHE:-$HOME/.cache/cassini}"
TARGET="$CACHE_ROOT/k8s/${KUBE_VERSION}-linux-amd64"

complete() {
  for b in "${BINARIES[@]}"; do [[ -x "$1/$b" ]] || return 1; done
}

if complete "$TARGET"; then
  echo "build-kube-binaries: $TARGET already holds Kubernetes $KUBE_VERSION, nothing to do"
  exit 0
fi

command -v go >/dev/null || { echo "build-kube-binaries: the Go toolchain (go 1.26+) is needed to build Kubernetes $KUBE_VERSION; install it or set CASSINI_KUBE_BIN to a directory holding ${BINARIES[*]}" >&2; exit 1; }

mkdir -p "$CACHE_ROOT/k8s"
exec 9>"$CACHE_ROOT/k8s/.build-${KUBE_VERSION}.lock"
echo "build-kube-binaries: waiting for the build lock $CACHE_ROOT/k8s/.build-${KUBE_VERSION}.lock"
flock 9
if complete "$TARGET"; then
  echo "build-kube-binaries: another build filled $TARGET meanwhile, nothing to do"
  exit 0
fi

WORK="$(mktemp -d "$CACHE_ROOT/k8s/.build-${KUBE_VERSION}.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# Without these the binaries report v0.0.0 and clients (kubectl, fabric8) mis-detect features.
VERSION_PKG=k8s.io/component-base/version
LDFLAGS="-s -w \
 -X $VERSION_PKG.gitVersion=v$KUBE_VERSION \
 -X $VERSION_PKG.gitMajor=$MAJOR \
 -X $VERSION_PKG.gitMinor=$MINOR \
 -X $VERSION_PKG.gitTreeState=clean \
 -X $VERSION_PKG.gitCommit=cassini-module-build \
 -X $VERSION_PKG.buildDate=$BUILD_DATE \
 -X k8s.io/client-go/pkg/version.gitVersion=v$KUBE_VERSION \
 -X k8s.io/client-go/pkg/version.gitMajor=$MAJOR \
 -X k8s.io/client-go/pkg/version.gitMinor=$MINOR"

export CGO_ENABLED=0 GOFLAGS="-mod=mod -trimpath"
cd "$MODULE_DIR"
start=$SECONDS
echo "build-kube-binaries: downloading modules for Kubernetes $KUBE_VERSION and etcd $ETCD_VERSION"
go mod download
for b in "${BINARIES[@]}"; do
  if [[ "$b" == etcd ]]; then pkg=./etcd; else pkg="k8s.io/kubernetes/cmd/$b"; fi
  echo "build-kube-binaries: building $b ($pkg) — the first build takes a long time on few cores ($((SECONDS - start)) s so far)"
  go build -ldflags="$LDFLAGS" -o "$WORK/$b" "$pkg"
done
echo "v$KUBE_VERSION etcd $ETCD_VERSION built $BUILD_DATE by scripts/build-kube-binaries.sh" > "$WORK/VERSION"
chmod 0755 "$WORK"
# A stale incomplete entry (someone removed a binary) is moved away so the rename can happen.
if [[ -e "$TARGET" ]]; then mv "$TARGET" "$WORK.stale" && rm -rf "$WORK.stale"; fi
mv "$WORK" "$TARGET"
trap - EXIT
echo "build-kube-binaries: installed Kubernetes $KUBE_VERSION into $TARGET in $((SECONDS - start)) s"
