#!/usr/bin/env bash
# Fetches the jars of one Apache Cassandra version (cassandra-all and its runtime dependencies, from
# Maven Central) into the cache the node agent uses, as the agent itself would on first start;
# prints the lib directory. Usage: scripts/cassandra-jars.sh [VERSION] (default: the build's).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-$(sed -n 's:.*<cassandra.version>\(.*\)</cassandra.version>.*:\1:p' "$root/pom.xml")}"
dir="${CASSINI_CACHE:-$HOME/.cache/cassini}/cassandra/$version"
if [[ ! -f "$dir/.complete" ]]; then
  mkdir -p "$dir"
  work="$(mktemp -d "$dir/fetch-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # the same one-dependency project, and the same marker, as the agent's CassandraDistribution
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.cassini.fetch</groupId><artifactId>cassandra-$version</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.cassandra</groupId><artifactId>cassandra-all</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
  mvn -B -q -f "$work/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$work/lib" >&2
  [[ -f "$work/lib/cassandra-all-$version.jar" ]] || { echo "cassandra-jars: no cassandra-all-$version.jar; is $version a released version?" >&2; exit 1; }
  rm -rf "$dir/lib"
  mv "$work/lib" "$dir/lib"
  echo "$version" >"$dir/.complete"
fi
echo "$dir/lib"
