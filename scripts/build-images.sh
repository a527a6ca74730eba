#!/usr/bin/env bash
# Builds Cassini's container images as OCI archives, without a container daemon or a registry:
#   target/images/cassini-operator-<release>.tar   the operator (cassini/operator:<release>)
#   target/images/cassini-node-<cassandra>.tar     a Cassandra node: Apache Cassandra, the node
#                                                  agent, its helper and exporter (cassini/node:<cassandra>)
# Usage: scripts/build-images.sh [CASSANDRA_VERSION ...]   (default: the build's Cassandra version)
# The README ("Container images") says how to push them; the same jars and base give the same digests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
versions=("$@")
[[ ${#versions[@]} -gt 0 ]] || versions=("$(sed -n 's:.*<cassandra.version>\(.*\)</cassandra.version>.*:\1:p' pom.xml)")
base="$(scripts/build-image-base.sh)"
mkdir -p target/images
first=true
for version in "${versions[@]}"; do
  lib="$(scripts/cassandra-jars.sh "$version")"
  # the operator image once; a node image per Cassandra version
  modules=agent
  $first && modules=agent,operator
  mvn -B -ntp -q -Pimages package -pl "$modules" -am -DskipTests \
    -Dcassini.image.base="$base" -Dcassini.image.cassandra="$lib" -Dcassandra.version="$version"
  cp agent/target/images/cassini-node-"$version".{tar,digest} target/images/
  if $first; then cp operator/target/images/cassini-operator-*.{tar,digest} target/images/; fi
  first=false
done
for digest in target/images/*.digest; do
  echo "$(basename "$digest" .digest).tar  $(cat "$digest")"
done
