#!/usr/bin/env bash
# Benchmarks the cachefleet proxy side by side with nutcracker (Twemproxy) on this machine: both
# in front of the same three redis-server processes, driven by redis-benchmark in one run; then
# the cachefleet proxy over three cachefleet nodes against nutcracker over redis. See
# bench/README.md.
#
#   bench/proxy.sh [N]       N requests per test (default 200000, or $N)
#
# Environment: WARMUP (requests per test sent first, default 50000), ROUNDS (runs of each test
# against each proxy, alternating, whose median is reported, default 3), IO_THREADS (the
# proxies' event loops, default 1: nutcracker runs on one thread), CACHEFLEET_JAVA_OPTS (passed
# on).
set -euo pipefail

N=${1:-${N:-200000}}
WARMUP=${WARMUP:-50000}
ROUNDS=${ROUNDS:-3}
IO_THREADS=${IO_THREADS:-1}
# test:pipeline pairs; redis-benchmark's mget test asks for 10 keys per MGET
RUNS=(get:1 set:1 get:16 set:16 mget:1 mget:16)

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cachefleet-bench.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

# A Twemproxy pool listening on PORT over the servers on the other ports.
# Usage: pool_yml FILE PORT SERVER_PORT...
pool_yml() {
  local file=$1 port=$2 p
  shift 2
  {
    echo "bench:"
    echo "  listen: 127.0.0.1:$port"
    echo "  hash: fnv1a_64"
    echo "  distribution: ketama"
    echo "  redis: true"
    echo "  servers:"
    for p in "$@"; do
      echo "    - 127.0.0.1:$p:1"
    done
  } >"$file"
}

start_nutcracker() {
  local port=$1 yml=$2
  start "$port" "$work/nutcracker-$port.log" nutcracker -c "$yml" -s "$(free_port "$port")" -a 127.0.0.1
}

start_proxy() {
  local port=$1 yml=$2
  # no admin port: nutcracker has none to compare with, and the default one may be taken
  CACHEFLEET_JAVA_OPTS="${CACHEFLEET_JAVA_OPTS:-} -Dcachefleet.proxy.admin-port=-1 -Dcachefleet.proxy.io-threads=$IO_THREADS" \
    start "$port" "$work/proxy-$port.log" "$home/bin/cachefleet" proxy --nutcracker "$yml" \
    -s "$(free_port "$port")" -a 127.0.0.1
}

# Median over ROUNDS of each field of the CSV lines given: rps, p50 and p99 (ms).
summary() {
  awk -F, '
    $1 == "failed" { failed = 1; next }
    { rps[NR] = $2; p50[NR] = $5; p99[NR] = $7; n = NR }
    function med(a,   i, j, t, m) {
      m = 0; for (i in a) { m++; s[m] = a[i] }
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[j] + 0 < s[i] + 0) { t = s[i]; s[i] = s[j]; s[j] = t }
      return s[int((m + 1) / 2)]
    }
    END { if (failed || n == 0) print "failed failed failed"; else print med(rps), med(p50), med(p99) }'
}

# Runs every test against both proxies, alternating, and prints one table.
# Usage: compare TITLE BASE_NAME BASE_PORT OTHER_NAME OTHER_PORT
compare() {
  local title=$1 bname=$2 bport=$3 oname=$4 oport=$5 run test pipeline round b o
  for run in "${RUNS[@]}"; do
    bench "$bport" "${run%:*}" "${run#*:}" "$WARMUP" >/dev/null
    bench "$oport" "${run%:*}" "${run#*:}" "$WARMUP" >/dev/null
  done
  echo
  echo "$title: redis-benchmark -c 50 -r 100000 -n $N, median of $ROUNDS runs; latency in ms"
  printf '%-5s %3s | %-28s | %-28s | %6s %8s\n' test P "$bname rps p50 p99" "$oname rps p50 p99" ratio "p99 o/b"
  for run in "${RUNS[@]}"; do
    test=${run%:*}
    pipeline=${run#*:}
    b=""
    o=""
    for ((round = 0; round < ROUNDS; round++)); do
      b+="$(bench "$bport" "$test" "$pipeline" "$N")"$'\n'
      o+="$(bench "$oport" "$test" "$pipeline" "$N")"$'\n'
    done
    read -r brps bp50 bp99 <<<"$(summary <<<"${b%$'\n'}")"
    read -r orps op50 op99 <<<"$(summary <<<"${o%$'\n'}")"
    printf '%-5s %3s | %10s %8s %8s | %10s %8s %8s | %6s %8s\n' "$test" "$pipeline" "$brps" "$bp50" "$bp99" \
      "$orps" "$op50" "$op99" "$(ratio "$orps" "$brps")" "$(ratio "$op99" "$bp99")"
  done
}

main() {
  need redis-server "install it with: apt-get install redis-server"
  need redis-benchmark "install it with: apt-get install redis-tools"
  need redis-cli "install it with: apt-get install redis-tools"
  need nutcracker "install it with: apt-get install nutcracker"
  local used="" p redis_ports=() node_ports=() nc_port cf_port cfn_port
  for p in 1 2 3; do
    p=$(free_port $used); used+=" $p"; redis_ports+=("$p")
    p=$(free_port $used); used+=" $p"; node_ports+=("$p")
  done
  nc_port=$(free_port $used); used+=" $nc_port"
  cf_port=$(free_port $used); used+=" $cf_port"
  cfn_port=$(free_port $used)

  machine
  echo "nutcracker: $(nutcracker --version 2>&1 | head -1)"
  echo "cachefleet proxies: io-threads = $IO_THREADS"
  for p in "${redis_ports[@]}"; do start_redis "$p"; done
  for p in "${node_ports[@]}"; do start_node "$p"; done
  pool_yml "$work/nc.yml" "$nc_port" "${redis_ports[@]}"
  pool_yml "$work/cf.yml" "$cf_port" "${redis_ports[@]}"
  pool_yml "$work/cfn.yml" "$cfn_port" "${node_ports[@]}"
  start_nutcracker "$nc_port" "$work/nc.yml"
  start_proxy "$cf_port" "$work/cf.yml"
  start_proxy "$cfn_port" "$work/cfn.yml"

  rm -f "$work/failures"
  compare "Proxies over 3 redis-server" nutcracker "$nc_port" cachefleet "$cf_port"
  compare "Whole tier" "nutcracker+redis" "$nc_port" "cachefleet+nodes" "$cfn_port"
  if [[ -s $work/failures ]]; then
    echo "failed:"
    sort -u "$work/failures" | sed 's/^/  /'
  fi
}

main
