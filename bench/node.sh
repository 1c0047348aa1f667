#!/usr/bin/env bash
# Benchmarks a cachefleet node side by side with redis-server on this machine: throughput with
# redis-benchmark, then resident memory per key. See bench/README.md.
#
#   bench/node.sh [N]        N requests per run at pipeline 1, 10 N at pipeline 16 (default
#                            N = 200000, or $N)
#
# Environment: KEYS (keys loaded for the memory test, default 1000000), WARMUP (requests per
# test sent first to warm both servers up, default 50000, ten times that at pipeline 16), ROUNDS
# (runs of each test against each server, alternating, whose median is reported, default 3: one
# machine's other work moves single runs by 20% or more), CACHEFLEET_JAVA_OPTS (passed on).
set -euo pipefail

N=${1:-${N:-200000}}
KEYS=${KEYS:-1000000}
WARMUP=${WARMUP:-50000}
ROUNDS=${ROUNDS:-3}
TESTS=(set get incr lpush lpop sadd hset zadd)
PIPELINES=(1 16)
VALUE_SIZE=100
IDLE_SECONDS=10

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cachefleet-bench.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# The RESP stream of KEYS distinct SETs of VALUE_SIZE-byte values: key:0000000, key:0000001, ...
load_stream() {
  awk -v n="$KEYS" -v size="$VALUE_SIZE" 'BEGIN {
    value = sprintf("%" size "s", ""); gsub(/ /, "v", value)
    for (i = 0; i < n; i++) {
      key = sprintf("key:%07d", i)
      printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(key), key, size, value
    }
  }'
}

# Requests in one run of COUNT at PIPELINE: ten times COUNT when pipelined, which answers about
# ten times faster, so that every run lasts long enough for one slow moment not to decide it.
# Usage: requests COUNT PIPELINE
requests() {
  echo $(($2 > 1 ? $1 * 10 : $1))
}

load() {
  local port=$1 out
  out=$(redis-cli -p "$port" --pipe <"$work/load.resp")
  [[ $out == *"errors: 0, replies: $KEYS"* ]] || die "loading port $port: $out"
  [[ $(redis-cli -p "$port" strlen "$(printf 'key:%07d' $((KEYS - 1)))") == "$VALUE_SIZE" ]] \
    || die "port $port lost the last key"
}

mib() {
  awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'
}

per_key() {
  awk -v before="$1" -v after="$2" -v n="$KEYS" 'BEGIN { printf "%.0f", (after - before) * 1024 / n }'
}

throughput() {
  local redis_port=$1 node_port=$2 test pipeline n round r c rs cs
  echo
  echo "Throughput: redis-benchmark -c 50 -r 100000 -n $N ($(requests "$N" 16) at -P 16), requests per second," \
    "median of $ROUNDS runs"
  printf '%-6s %8s %12s %15s %10s\n' test pipeline redis cachefleet cf/redis
  for test in "${TESTS[@]}"; do
    for pipeline in "${PIPELINES[@]}"; do
      n=$(requests "$N" "$pipeline")
      rs=""
      cs=""
      for ((round = 0; round < ROUNDS; round++)); do
        rs+="$(rps "$redis_port" "$test" "$pipeline" "$n")"$'\n'
        cs+="$(rps "$node_port" "$test" "$pipeline" "$n")"$'\n'
      done
      r=$(median <<<"${rs%$'\n'}")
      c=$(median <<<"${cs%$'\n'}")
      printf '%-6s %8s %12s %15s %10s\n' "$test" "$pipeline" "$r" "$c" "$(ratio "$c" "$r")"
    done
  done
}

memory() {
  local redis_port=$1 node_port=$2 rb ra cb ca ci
  load_stream >"$work/load.resp"
  rb=$(rss_kb "$redis_pid")
  load "$redis_port"
  ra=$(rss_kb "$redis_pid")
  cb=$(rss_kb "$node_pid")
  load "$node_port"
  ca=$(rss_kb "$node_pid")
  sleep "$IDLE_SECONDS"
  ci=$(rss_kb "$node_pid")
  echo
  echo "Memory: $KEYS SETs of distinct 11-byte keys with $VALUE_SIZE-byte values, RSS (VmRSS)"
  printf '%-22s %12s %12s %10s\n' server "before (MiB)" "after (MiB)" bytes/key
  printf '%-22s %12s %12s %10s\n' redis "$(mib "$rb")" "$(mib "$ra")" "$(per_key "$rb" "$ra")"
  printf '%-22s %12s %12s %10s\n' cachefleet "$(mib "$cb")" "$(mib "$ca")" "$(per_key "$cb" "$ca")"
  printf '%-22s %12s %12s %10s\n' "cachefleet, ${IDLE_SECONDS} s idle" "$(mib "$cb")" "$(mib "$ci")" \
    "$(per_key "$cb" "$ci")"
  echo "bytes/key cachefleet/redis: $(ratio "$(per_key "$cb" "$ca")" "$(per_key "$rb" "$ra")") after loading," \
    "$(ratio "$(per_key "$cb" "$ci")" "$(per_key "$rb" "$ra")") after ${IDLE_SECONDS} s idle"
}

main() {
  need redis-server "install it with: apt-get install redis-server"
  need redis-benchmark "install it with: apt-get install redis-tools"
  need redis-cli "install it with: apt-get install redis-tools"
  local redis_port node_port test
  redis_port=$(free_port)
  node_port=$(free_port "$redis_port")

  machine
  start_redis "$redis_port"
  redis_pid=$last_pid
  start_node "$node_port"
  node_pid=$last_pid
  for test in "${TESTS[@]}"; do
    for pipeline in "${PIPELINES[@]}"; do
      rps "$redis_port" "$test" "$pipeline" "$(requests "$WARMUP" "$pipeline")" >/dev/null
      rps "$node_port" "$test" "$pipeline" "$(requests "$WARMUP" "$pipeline")" >/dev/null
    done
  done
  rm -f "$work/failures"
  throughput "$redis_port" "$node_port"
  if [[ -s $work/failures ]]; then
    echo "failed:"
    sort -u "$work/failures" | sed 's/^/  /'
  fi

  stop "$redis_pid"
  stop "$node_pid"
  start_redis "$redis_port"
  redis_pid=$last_pid
  start_node "$node_port"
  node_pid=$last_pid
  memory "$redis_port" "$node_port"
}

main
