#!/usr/bin/env bash
# Benchmark, run by hand: backup and restore of one node's data to an S3-compatible store, with
# Cassini's agent against the peer, cassandra-medusa 0.31.0 (from PyPI), measured in the same run on
# the same node, the same data and the same S3 server (s3proxy on its filesystem backend, on
# loopback, its data on the same disk as the node's). It reports, for both tools: full backup MB/s,
# the second backup of unchanged data (seconds, bytes written to the store, data files re-uploaded),
# restore MB/s (until the restored table is served again) and its download part, and the peak extra
# disk during the restore; and, as the physical bound, the raw copy rate of the same files.
#   bench/backup/run.sh [megabytes]     (default 2048: table data written through CQL, random bytes)
# Starts one Cassandra 5.0.6 node (`cassini node`, JMX opened on loopback for the peer, which drives
# nodetool) and s3proxy, on 127.0.9.30-31, and stops both on exit. The peer gets its defaults for
# transfers (printed with the results); only its storage points at the server. Its restore is
# `medusa restore-node --in-place`, which stops and starts Cassandra (through the agent's API here).
# Needs Java 17, curl, jq, bc, Python 3.9+ with venv (the peer's venv is made once under
# ~/.cache/cassini/bench), about 4x the data size in free disk, and about 3 GiB of memory.
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/backup"
megabytes=${1:-2048}
[[ "$megabytes" =~ ^[0-9]+$ ]] && ((megabytes >= 16)) || { echo "give the data size in megabytes, at least 16" >&2; exit 2; }
node=127.0.9.31
store=127.0.9.30
store_port=9000
jmx_port=7399
key=benchkey
secret=benchsecret
medusa_version=0.31.0
cache="${CASSINI_CACHE:-$HOME/.cache/cassini}/bench"
venv="$cache/medusa-venv"
work=$(mktemp -d /tmp/cassini-bench-backup.XXXXXX)
logs="$work/logs"
mkdir -p "$logs" "$work/s3/cassini" "$work/s3/medusa" "$work/medusa-tmp"
node_root="$work/node"
node_pid=
store_pid=
sampler_pid=

cleanup() {
  local rc=$?
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$node_pid" ]; then
    kill -TERM "$node_pid" 2>/dev/null || true   # the agent drains and stops Cassandra
    wait "$node_pid" 2>/dev/null || true
  fi
  if [ -n "$store_pid" ]; then
    kill -TERM "$store_pid" 2>/dev/null || true
    wait "$store_pid" 2>/dev/null || true
  fi
  cp "$node_root/logs/system.log" "$logs/" 2>/dev/null || true
  rm -rf "$node_root" "$work/s3" "$work/medusa-tmp" "$work/copy"
  echo "logs: $logs"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
seconds() { echo "scale=2; ($2 - $1) / 1" | bc; }
mbps() { echo "scale=1; $1 / 1000000 / $2" | bc; }          # bytes, seconds
ratio() { echo "scale=2; $1 / $2" | bc; }
disk_used() { du -scB1 "$@" 2>/dev/null | tail -1 | cut -f1 || true; }
py() { "$venv/bin/python" "$@"; }
check_data() { py "$here/data.py" check "$node"; }
fail() { echo "$*" >&2; exit 1; }

# The peer, in its own venv, made once.
if ! "$venv/bin/medusa" --version 2>/dev/null | grep -qx "$medusa_version"; then
  echo "installing cassandra-medusa $medusa_version into $venv ..."
  python=$(command -v python3.11 || command -v python3)
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q "cassandra-medusa==$medusa_version" >"$logs/pip.log" 2>&1 \
    || { tail -20 "$logs/pip.log"; fail "could not install cassandra-medusa $medusa_version; see $logs/pip.log"; }
fi
"$root/cassini" --version >/dev/null   # build once, outside the measurement
echo "load before: $(uptime)"

# --- the S3 server and the node ---
POD_IP=$store CASSINI_OBJECTSTORE_PORT=$store_port CASSINI_OBJECTSTORE_DATA="$work/s3" \
  CASSINI_OBJECTSTORE_ACCESS_KEY=$key CASSINI_OBJECTSTORE_SECRET_KEY=$secret \
  java -Xmx1g -cp "$root/cli/target/cassini.jar" dev.cassini.cli.ObjectStoreMain >"$logs/s3proxy.log" 2>&1 &
store_pid=$!
# --new-ring 1/1: a new one-node ring with precomputed tokens. JMX on loopback only, for the peer.
"$root/cassini" node --cluster bench --address $node --data-dir "$node_root" --no-auth --new-ring 1/1 \
  --heap 1G --jvm-option "-Dcassandra.jmx.local.port=$jmx_port" --start >"$logs/node.log" 2>&1 &
node_pid=$!
wait_ready() {
  until curl -s -m 1 "http://$node:8080/healthz/ready" | grep -q '"ready":true'; do
    kill -0 "$node_pid" 2>/dev/null || fail "the node exited; see $logs/node.log"
    sleep 0.2
  done
}
wait_ready
until curl -s -m 1 -o /dev/null "http://$store:$store_port/"; do
  kill -0 "$store_pid" 2>/dev/null || fail "s3proxy exited; see $logs/s3proxy.log"
  sleep 0.2
done

# Runs an agent operation as a job and waits for it; prints the finished job. Fails unless it succeeded.
agent_job() {
  local operation=$1 body=$2 id job state
  id=$(curl -sf -X POST "http://$node:8080/api/v1/operations/$operation" -H 'Content-Type: application/json' \
    -d "$body" | jq -r .id) || fail "the agent refused $operation: $body"
  while :; do
    job=$(curl -sf "http://$node:8080/api/v1/jobs/$id")
    state=$(jq -r .state <<<"$job")
    [ "$state" != RUNNING ] && break
    sleep 0.1
  done
  echo "$job" >>"$logs/agent-jobs.jsonl"
  [ "$state" = SUCCEEDED ] || fail "$operation failed: $(jq -r .error <<<"$job")"
  echo "$job"
}
storage_fields() {
  printf '"bucket":"cassini","prefix":"bench","endpoint":"http://%s:%s","region":"us-east-1","pathStyle":true,"accessKeyId":"%s","secretAccessKey":"%s"' \
    $store $store_port $key $secret
}
# Bytes the S3 server's process has read so far (request bodies, and any file it read to answer).
store_read() { awk '/^rchar/ {print $2}' "/proc/$store_pid/io"; }
# Bytes of the objects in a bucket (file sizes under the server's directory for it).
bucket_bytes() { find "$work/s3/$1" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}'; }

# --- the data ---
echo "writing $megabytes MB of random payloads through CQL ..."
py "$here/data.py" load "$node" "$megabytes" | tee "$logs/load.log"
agent_job flush '{"keyspace":"bench"}' >/dev/null
data_bytes=$(du -sb "$node_root/data/bench" | cut -f1)
expected=$(check_data)
echo "table data: $data_bytes bytes in $(find "$node_root/data/bench" -type f | wc -l) files; rows and CRC sum: $expected"

# --- the physical bound: a plain copy of the same files on the same disk ---
sync
t0=$(now)
cp -r "$node_root/data/bench" "$work/copy"
sync
t1=$(now)
copy_s=$(seconds "$t0" "$t1")
rm -rf "$work/copy"

# --- the peer's configuration: its defaults, but for where the store and the node are ---
printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' $key $secret >"$work/s3-credentials"
cat >"$work/medusa.ini" <<EOF
[cassandra]
config_file = $node_root/conf/cassandra.yaml
cql_username =
cql_password =
nodetool_executable = $here/nodetool
nodetool_host = 127.0.0.1
nodetool_port = $jmx_port
stop_cmd = $here/node-ctl stop $node
start_cmd = $here/node-ctl start $node
resolve_ip_addresses = False
use_sudo = False

[storage]
storage_provider = s3_compatible
bucket_name = medusa
key_file = $work/s3-credentials
host = $store
port = $store_port
secure = False
region = us-east-1
prefix = bench
fqdn = $node
use_sudo_for_restore = False
EOF
medusa() { "$venv/bin/medusa" --config-file "$work/medusa.ini" "$@"; }
medusa_setting() {
  py - "$1" <<'EOF'
import sys
from medusa.config import _build_default_config
print(_build_default_config()['storage'][sys.argv[1]])
EOF
}
medusa_defaults="concurrent_transfers=$(medusa_setting concurrent_transfers), transfer_max_bandwidth=$(medusa_setting transfer_max_bandwidth), multi_part_upload_threshold=$(medusa_setting multi_part_upload_threshold), multipart_chunksize=$(medusa_setting multipart_chunksize)"

# --- backups: a full one, then one of the same, unchanged data ---
cassini_backup() {
  agent_job backup "{\"backupId\":\"$1\",\"clusterName\":\"bench\",\"pod\":\"bench-0\",$(storage_fields)}"
}
echo "Cassini: full backup ..."
t0=$(now); job=$(cassini_backup full-1); t1=$(now)
c_full_s=$(seconds "$t0" "$t1")
c_full_bytes=$(jq .figures.totalBytes <<<"$job")
manifest=$(jq -r .result <<<"$job" | sed -E 's/^manifest ([^;]+);.*/\1/')
echo "Cassini: second backup ..."
growth0=$(bucket_bytes cassini); read0=$(store_read)
t0=$(now); job=$(cassini_backup second-1); t1=$(now)
c_second_s=$(seconds "$t0" "$t1")
c_second_read=$(( $(store_read) - read0 ))
c_second_growth=$(( $(bucket_bytes cassini) - growth0 ))
c_second_uploaded=$(jq .figures.uploadedBytes <<<"$job")
c_second_reuploaded=$(jq -r .result <<<"$job" | sed -E 's/.* files, ([0-9]+) uploaded .*/\1/')
second_manifest=$(jq -r .result <<<"$job" | sed -E 's/^manifest ([^;]+);.*/\1/')

echo "Medusa: full backup ..."
t0=$(now); medusa backup-node --backup-name full-1 >"$logs/medusa-full.log" 2>&1 || fail "medusa backup failed; see $logs/medusa-full.log"; t1=$(now)
m_full_s=$(seconds "$t0" "$t1")
m_full_size=$(grep -oE -- '- [0-9]+ files, [0-9.]+ [KMGT]?B' "$logs/medusa-full.log" | tail -1)
echo "Medusa: second backup ..."
growth0=$(bucket_bytes medusa); read0=$(store_read)
t0=$(now); medusa backup-node --backup-name second-1 >"$logs/medusa-second.log" 2>&1 || fail "medusa backup failed; see $logs/medusa-second.log"; t1=$(now)
m_second_s=$(seconds "$t0" "$t1")
m_second_read=$(( $(store_read) - read0 ))
m_second_growth=$(( $(bucket_bytes medusa) - growth0 ))
m_second_reuploaded=$(grep -oE '[0-9]+ files copied from host' "$logs/medusa-second.log" | grep -oE '^[0-9]+')

# --- restores: the table loses its data (truncated, no snapshot left), then each tool brings it back ---
lose_data() {
  py "$here/data.py" truncate "$node"
  "$here/nodetool" -h 127.0.0.1 -p $jmx_port clearsnapshot --all >/dev/null
  [ "$(check_data)" = "0 0" ] || fail "the table still has data after truncate"
}
# Samples the disk used by the node and the peer's download directory until killed; keeps the peak.
sample_disk() {
  local out=$1 peak=0 used
  while :; do
    used=$(disk_used "$node_root" "$work/medusa-tmp")
    if [ -n "$used" ] && ((used > peak)); then peak=$used; echo "$peak" >"$out"; fi
    sleep 0.25
  done
}
start_sampler() { disk_used "$node_root" "$work/medusa-tmp" >"$1"; sample_disk "$1" & sampler_pid=$!; }
stop_sampler() { kill "$sampler_pid"; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=; }

echo "Cassini: restore ..."
lose_data
base=$(disk_used "$node_root" "$work/medusa-tmp")
start_sampler "$work/peak-cassini"
restore_body() {
  echo "{\"restoreId\":\"bench-restore\",\"step\":\"$1\",\"manifest\":\"$second_manifest\",$(storage_fields),\"tables\":[\"bench.data\"]}"
}
t0=$(now)
agent_job restore "$(restore_body DOWNLOAD)" >/dev/null
t_download=$(now)
agent_job restore "$(restore_body TRUNCATE)" >/dev/null
agent_job restore "$(restore_body IMPORT)" >/dev/null
t1=$(now)
stop_sampler
c_restore_s=$(seconds "$t0" "$t1")
c_download_s=$(seconds "$t0" "$t_download")
c_peak_extra=$(( $(cat "$work/peak-cassini") - base ))
c_restored=$(check_data)

echo "Medusa: restore (restore-node --in-place: download, stop Cassandra, move the files in, start it) ..."
lose_data
base=$(disk_used "$node_root" "$work/medusa-tmp")
start_sampler "$work/peak-medusa"
t0=$(now)
medusa restore-node --backup-name second-1 --in-place --keyspace bench --temp-dir "$work/medusa-tmp" \
  >"$logs/medusa-restore.log" 2>&1 || fail "medusa restore-node failed; see $logs/medusa-restore.log"
wait_ready   # the restore is done when the node serves the table again
t1=$(now)
stop_sampler
m_restore_s=$(seconds "$t0" "$t1")
log_time() {   # the time of the first line of the peer's log with this text, in seconds since the epoch
  local line
  line=$(grep -m1 "$1" "$logs/medusa-restore.log" | grep -oE '^\[[0-9-]+ [0-9:]+,[0-9]+\]' | tr -d '[]')
  [ -n "$line" ] || fail "no '$1' in $logs/medusa-restore.log"
  date -d "${line/,/.}" +%s.%N
}
m_download_s=$(seconds "$(log_time 'Downloading data from backup')" "$(log_time 'Stopping Cassandra')")
m_peak_extra=$(( $(cat "$work/peak-medusa") - base ))
m_restored=$(check_data)

# --- the table ---
data_mb=$(echo "scale=0; $data_bytes / 1000000" | bc)
c_full=$(mbps "$data_bytes" "$c_full_s"); m_full=$(mbps "$data_bytes" "$m_full_s")
c_restore=$(mbps "$data_bytes" "$c_restore_s"); m_restore=$(mbps "$data_bytes" "$m_restore_s")
c_download=$(mbps "$data_bytes" "$c_download_s"); m_download=$(mbps "$data_bytes" "$m_download_s")
c_disk_x=$(ratio "$c_peak_extra" "$data_bytes"); m_disk_x=$(ratio "$m_peak_extra" "$data_bytes")
copy=$(mbps "$data_bytes" "$copy_s")
row() { printf "%-52s %16s %16s %15s\n" "$@"; }
echo
echo "data: $data_mb MB of table data (bench.data, random payloads, compression off), one node, s3proxy on loopback"
echo "Medusa $medusa_version transfer settings (its defaults): $medusa_defaults"
echo "Cassini: the agent's default concurrency (4 files at once)"
echo
row "" Cassini Medusa Cassini/Medusa
row "full backup MB/s" "$c_full" "$m_full" "$(ratio "$c_full" "$m_full")"
row "  full backup seconds" "$c_full_s" "$m_full_s" "$(ratio "$c_full_s" "$m_full_s")"
row "second backup seconds (unchanged data)" "$c_second_s" "$m_second_s" "$(ratio "$c_second_s" "$m_second_s")"
row "  data files re-uploaded" "$c_second_reuploaded" "$m_second_reuploaded" -
row "  bytes written to the store (bucket growth)" "$c_second_growth" "$m_second_growth" -
row "  bytes the store read (requests + files served)" "$c_second_read" "$m_second_read" -
row "restore MB/s (until the table is served again)" "$c_restore" "$m_restore" "$(ratio "$c_restore" "$m_restore")"
row "  restore seconds" "$c_restore_s" "$m_restore_s" "$(ratio "$c_restore_s" "$m_restore_s")"
row "  download part MB/s" "$c_download" "$m_download" "$(ratio "$c_download" "$m_download")"
row "peak extra disk during restore, bytes" "$c_peak_extra" "$m_peak_extra" "$(ratio "$c_peak_extra" "$m_peak_extra")"
row "  x data" "$c_disk_x" "$m_disk_x" -
row "raw copy of the same files (cp + sync) MB/s" "$copy" "$copy" -
echo
echo "Cassini backed up $c_full_bytes bytes (second backup: $c_second_uploaded bytes uploaded, its manifest);"\
  "Medusa: ${m_full_size#- } (it also backs up the node-local system keyspaces)"
echo "rows and CRC sum before: $expected; after Cassini's restore: $c_restored; after Medusa's: $m_restored"
echo "load after: $(uptime)"
[ "$c_restored" = "$expected" ] || fail "Cassini's restore did not bring the data back"
[ "$m_restored" = "$expected" ] || fail "Medusa's restore did not bring the data back"
