# Shared by the bench/ scripts: process handling, free ports, redis-benchmark runs, arithmetic.
# The sourcing script sets $work (a scratch directory) and calls die() on errors.

pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

need() {
  command -v "$1" >/dev/null || die "$1 not found; $2"
}

# A port nothing listens on, other than the ones given.
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % 20000)) # below the ephemeral range, which outgoing connections use
    if [[ " $* " != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Whether the RESP server on port $1 answers PING.
answers_ping() {
  [[ $(redis-cli -p "$1" ping 2>/dev/null) == PONG ]]
}

# Waits until CHECK (a function given the port, answers_ping by default) says the server is ready.
# Usage: await_ready PORT PID LOG [CHECK]
await_ready() {
  local port=$1 pid=$2 log=$3 check=${4:-answers_ping} deadline=$((SECONDS + 60))
  until "$check" "$port"; do
    kill -0 "$pid" 2>/dev/null || die "server on port $port exited: $(cat "$log")"
    ((SECONDS < deadline)) || die "server on port $port was not ready ($check) within 60 s"
    sleep 0.1
  done
}

# Starts a server in the background and waits until it answers PING, or until the function named
# by $READY says it is ready; its pid is in $last_pid.
# Usage: [READY=CHECK] start PORT LOG COMMAND...
start() {
  local port=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
  await_ready "$port" "$last_pid" "$log" "${READY:-answers_ping}"
}

start_redis() {
  start "$1" "$work/redis-$1.log" redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no
}

start_node() {
  start "$1" "$work/node-$1.log" "$home/bin/cachefleet" node --port "$1"
}

stop() {
  kill "$1"
  wait "$1" 2>/dev/null || true
}

# One redis-benchmark run: its CSV line without quotes (test,rps,avg,min,p50,p95,p99,max), or
# "failed" with the reason appended to $work/failures. TEST is a redis-benchmark test name, or
# mget for an MGET of 10 random keys (redis-benchmark has no MGET test of its own).
# Usage: bench PORT TEST PIPELINE REQUESTS
bench() {
  local port=$1 test=$2 pipeline=$3 requests=$4 out line what=()
  if [[ $test == mget ]]; then
    what=(MGET)
    for _ in 1 2 3 4 5 6 7 8 9 10; do what+=(key:__rand_int__); done
  else
    what=(-t "$test")
  fi
  out=$(redis-benchmark -p "$port" -q --csv -c 50 -r 100000 -n "$requests" -P "$pipeline" "${what[@]}" 2>&1) || true
  # progress lines end in CR, not LF: the result is the last quoted line that is not the header
  line=$(tr '\r' '\n' <<<"$out" | grep '^"' | grep -v '^"test"' | tail -1 | tr -d '"' || true)
  if [[ -z $line ]]; then
    echo "$test -P $pipeline on port $port: $(grep -m1 -i error <<<"$out" || tail -1 <<<"$out")" >>"$work/failures"
    echo failed
    return
  fi
  echo "$line"
}

# Requests per second of one redis-benchmark test, or "failed".
rps() {
  bench "$@" | awk -F, '{ print $1 == "failed" ? "failed" : $2 }'
}

ratio() {
  if [[ $1 == failed || $2 == failed ]]; then
    echo -
  else
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
  fi
}

# The median of numbers given one per line, or "failed" when any run failed.
median() {
  sort -n | awk '/failed/ { failed = 1 } { v[NR] = $1 } END { print failed ? "failed" : v[int((NR + 1) / 2)] }'
}

machine() {
  echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:    $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
    "$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "redis:      $(redis-server --version)"
  echo "cachefleet: $("$home/bin/cachefleet" --version), $(java -version 2>&1 | head -1)"
}
