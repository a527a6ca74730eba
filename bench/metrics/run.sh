#!/usr/bin/env bash
# Benchmark: Cassini's in-JVM exporter vs the Prometheus JMX exporter 1.0.1 (default and Cassandra-tuned
# configuration) on one Cassandra node with 50 and 500 tables. Run by hand from the repository root:
#   bench/metrics/run.sh [table counts, default 50,500] [scrapes per exporter, default 30]
# It builds the agent, fetches the JMX exporter from Maven Central, starts one node on 127.0.3.31
# (2G heap: 500 tables do not fit in 512M; data under a temporary directory, removed afterwards) and
# prints a Markdown table. Takes 15-30 minutes, most of it creating tables and JMX scrapes.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE="${CASSINI_CACHE:-$HOME/.cache/cassini}/bench"
JMX_JAR="$CACHE/jmx_prometheus_javaagent-1.0.1.jar"
mkdir -p "$CACHE"
if [[ ! -f "$JMX_JAR" ]]; then
  mvn -B -q dependency:copy -Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 -DoutputDirectory="$CACHE"
fi
mvn -B -q -pl helper,exporter,agent install -DskipTests
CP_FILE=$(mktemp)
mvn -B -q -pl agent dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cassini-metrics-bench.XXXXXX")
trap 'rm -rf "$WORK" "$CP_FILE"' EXIT
mvn -B -q -pl agent test-compile
java -Xmx512m -cp "agent/target/classes:agent/target/test-classes:$(cat "$CP_FILE")" bench/metrics/MetricsBench.java "$WORK" "$JMX_JAR" bench/metrics "${1:-50,500}" "${2:-30}"
