#!/usr/bin/env bash
# Benchmarks a cachefleet memcached pool side by side with nutcracker (Twemproxy): both in front
# of the same three memcached processes, driven by libmemcached's memcaslap in one run. See
# bench/README.md.
#
#   bench/memcache.sh [SECONDS]   each run lasts SECONDS (default 10, or $SECONDS_PER_RUN)
#
# Environment: WARMUP_SECONDS (a run of each workload against each proxy first, default 5), ROUNDS
# (runs of each workload against each proxy, alternating, whose median is reported, default 3),
# IO_THREADS (the proxy's event loops, default 1: nutcracker runs on one thread),
# CACHEFLEET_JAVA_OPTS (passed on).
set -euo pipefail

RUN_SECONDS=${1:-${SECONDS_PER_RUN:-10}}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
ROUNDS=${ROUNDS:-3}
IO_THREADS=${IO_THREADS:-1}
# name:memcaslap options; memcaslap's default mix is 90% get, 10% set
WORKLOADS=("get-set:-X 32" "multiget-10:-X 32 -d 10")

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cachefleet-bench.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

# Whether the memcached-protocol server on port $1 answers version.
answers_version() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'version\r\n' >&3 && timeout 1 head -c 8 <&3) 2>/dev/null \
    || true)
  [[ $reply == "VERSION " ]]
}

pool_yml() {
  local file=$1 port=$2 p
  shift 2
  {
    echo "bench:"
    echo "  listen: 127.0.0.1:$port"
    echo "  hash: fnv1a_64"
    echo "  distribution: ketama"
    echo "  redis: false"
    echo "  servers:"
    for p in "$@"; do
      echo "    - 127.0.0.1:$p:1"
    done
  } >"$file"
}

# Operations per second of one memcaslap run, or "failed" (the reason in $work/failures).
# Usage: tps PORT SECONDS OPTIONS...
tps() {
  local port=$1 seconds=$2 out line
  shift 2
  # shellcheck disable=SC2068 # the options are words
  out=$(memcaslap -s "127.0.0.1:$port" -T 1 -c 50 -t "${seconds}s" $@ 2>&1) || true
  line=$(grep -o 'TPS: [0-9]*' <<<"$out" | tail -1 | cut -d' ' -f2)
  if [[ -z $line ]]; then
    echo "memcaslap on port $port: $(tail -1 <<<"$out")" >>"$work/failures"
    echo failed
    return
  fi
  echo "$line"
}

main() {
  need memcached "install it with: apt-get install memcached"
  need memcaslap "install it with: apt-get install libmemcached-tools"
  need nutcracker "install it with: apt-get install nutcracker"
  local used="" p ports=() nc_port cf_port workload name options round nc cf
  # every server here speaks memcached: start (bench/lib.sh) waits until it answers version
  local READY=answers_version
  for p in 1 2 3; do
    p=$(free_port $used); used+=" $p"; ports+=("$p")
  done
  nc_port=$(free_port $used); used+=" $nc_port"
  cf_port=$(free_port $used)

  machine
  echo "memcached:  $(memcached -V)"
  echo "nutcracker: $(nutcracker --version 2>&1 | head -1)"
  echo "cachefleet proxy: io-threads = $IO_THREADS"
  for p in "${ports[@]}"; do
    start "$p" "$work/memcached-$p.log" memcached -l 127.0.0.1 -p "$p" -U 0 -m 256 -u "$(id -un)"
  done
  pool_yml "$work/nc.yml" "$nc_port" "${ports[@]}"
  pool_yml "$work/cf.yml" "$cf_port" "${ports[@]}"
  start "$nc_port" "$work/nutcracker.log" nutcracker -c "$work/nc.yml" -s "$(free_port "$nc_port")" \
    -a 127.0.0.1
  CACHEFLEET_JAVA_OPTS="${CACHEFLEET_JAVA_OPTS:-} -Dcachefleet.proxy.admin-port=-1 -Dcachefleet.proxy.io-threads=$IO_THREADS" \
    start "$cf_port" "$work/proxy.log" "$home/bin/cachefleet" proxy --nutcracker "$work/cf.yml" \
    -s "$(free_port "$cf_port")" -a 127.0.0.1

  rm -f "$work/failures"
  echo
  echo "memcaslap -T 1 -c 50, ${RUN_SECONDS} s per run, median of $ROUNDS runs; operations per second"
  printf '%-12s | %10s | %10s | %6s\n' workload nutcracker cachefleet ratio
  for workload in "${WORKLOADS[@]}"; do
    name=${workload%%:*}
    options=${workload#*:}
    # a first run each warms the proxy's JIT and fills the servers
    # shellcheck disable=SC2086
    tps "$nc_port" "$WARMUP_SECONDS" $options >/dev/null
    # shellcheck disable=SC2086
    tps "$cf_port" "$WARMUP_SECONDS" $options >/dev/null
    nc=""
    cf=""
    for ((round = 0; round < ROUNDS; round++)); do
      # shellcheck disable=SC2086
      nc+="$(tps "$nc_port" "$RUN_SECONDS" $options)"$'\n'
      # shellcheck disable=SC2086
      cf+="$(tps "$cf_port" "$RUN_SECONDS" $options)"$'\n'
    done
    nc=$(median <<<"${nc%$'\n'}")
    cf=$(median <<<"${cf%$'\n'}")
    printf '%-12s | %10s | %10s | %6s\n' "$name" "$nc" "$cf" "$(ratio "$cf" "$nc")"
  done
  if [[ -s $work/failures ]]; then
    echo "failed:"
    sort -u "$work/failures" | sed 's/^/  /'
  fi
}

main
