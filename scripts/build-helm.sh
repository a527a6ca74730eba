#!/usr/bin/env bash
# Builds the helm command (the chart tests run `helm lint` and `helm template` with it) from its Go
# module, pinned in deploy/helm-binary/go.mod, and installs it into the cache:
#   ${CASSINI_CACHE:-~/.cache/cassini}/helm/<version>/helm
# Prints the binary's path on its last line. No prebuilt helm can be downloaded on our machines, so
# it is compiled from the module proxy, once. As for the Kubernetes binaries, the build goes to a
# temporary directory renamed into place when complete, and concurrent callers serialise on a lock.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE_DIR="$REPO_ROOT/deploy/helm-binary"
VERSION="$(awk '$1=="require" && $2=="helm.sh/helm/v4" {print $3; exit} $1=="helm.sh/helm/v4" {print $2; exit}' "$MODULE_DIR/go.mod")"
if [[ -z "$VERSION" ]]; then
  echo "build-helm: cannot read the helm.sh/helm/v4 version from $MODULE_DIR/go.mod" >&2
  exit 1
fi
CACHE_ROOT="${CASSINI_CACHE:-$HOME/.cache/cassini}"
TARGET="$CACHE_ROOT/helm/$VERSION"

if [[ -x "$TARGET/helm" ]]; then
  echo "$TARGET/helm"
  exit 0
fi
command -v go >/dev/null || { echo "build-helm: the Go toolchain (go 1.26+) is needed to build helm $VERSION" >&2; exit 1; }

mkdir -p "$CACHE_ROOT/helm"
exec 9>"$CACHE_ROOT/helm/.build-$VERSION.lock"
flock 9
if [[ -x "$TARGET/helm" ]]; then
  echo "$TARGET/helm"
  exit 0
fi
WORK="$(mktemp -d "$CACHE_ROOT/helm/.build-$VERSION.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 143' TERM INT
start=$SECONDS
echo "build-helm: building helm $VERSION from its Go module (once; a few minutes on few cores)" >&2
cd "$MODULE_DIR"
# The version helm reports (helm version) is set the way helm's own Makefile sets it.
CGO_ENABLED=0 GOFLAGS="-mod=mod -trimpath" go build \
  -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$VERSION" \
  -o "$WORK/helm" helm.sh/helm/v4/cmd/helm >&2
if [[ -e "$TARGET" ]]; then mv "$TARGET" "$WORK.stale" && rm -rf "$WORK.stale"; fi
mv "$WORK" "$TARGET"
trap - EXIT
echo "build-helm: installed helm $VERSION into $TARGET in $((SECONDS - start)) s" >&2
echo "$TARGET/helm"
