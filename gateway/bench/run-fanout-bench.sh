#!/usr/bin/env bash
# Fan-out load benchmark: one gateway in its own JVM (the chart's JVM flags), N websocket clients
# in a second JVM on one event loop, M broadcasts over REST. Prints connections held, fan-out
# latency p50/p90/p99/max (POST sent -> last client has the message) and the gateway's RSS.
#
#   gateway/bench/run-fanout-bench.sh                      # N=10000 clients, 200 rounds
#   N=2000 ROUNDS=50 gateway/bench/run-fanout-bench.sh     # a quick one
#   SKIP_BUILD=1 gateway/bench/run-fanout-bench.sh         # reuse the last build
#   GATEWAY_JAR=/tmp/other/gateway.jar ...                 # measure another build of the gateway
#   CLIENT_LOOPS=2 ...                                     # clients on two threads instead of one
#   CLIENT_TRANSPORT=epoll ...                             # clients on epoll (default: io_uring
#                                                          # if the kernel allows it, else epoll)
#
# Both JVMs run under `nice -n 15` (shared machine). The three ports are picked free at random,
# unless BENCH_PORT_BASE is given (probe port; +1 websocket, +2 REST).
set -euo pipefail

N=${N:-10000}
ROUNDS=${ROUNDS:-200}
WARMUP=${WARMUP:-20}
PAYLOAD=${PAYLOAD:-400}
port_free() {
  ! ss -Htan "( sport = :$1 )" | grep -q .
}
if [ -n "${BENCH_PORT_BASE:-}" ]; then
  BASE=$BENCH_PORT_BASE
else
  while :; do
    BASE=$((20000 + RANDOM % 20000))
    port_free $BASE && port_free $((BASE + 1)) && port_free $((BASE + 2)) && break
  done
fi
PROBE_PORT=$BASE
WEBSOCKET_PORT=$((BASE + 1))
HTTP_PORT=$((BASE + 2))
# The chart's JVM flags for the gateway container.
GATEWAY_JAR=${GATEWAY_JAR:-gateway/target/gateway.jar}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=20 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m"}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-Xmx1g -Xss256k"}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# Each side holds N sockets.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((N + 1000)) ]; then
  echo "ulimit -n is $(ulimit -n): too low for $N clients" >&2
  exit 1
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  # -am builds common and service-base from this tree too; tests are compiled, not run.
  nice -n 15 ./mvnw -B -o -q -pl gateway -am package -DskipTests -Djib.skip
  nice -n 15 ./mvnw -B -o -q -pl gateway dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

WORK=$(mktemp -d)
echo '{"clusterName":"bench","accountID":"bench"}' > "$WORK/clusterData.json"
cleanup() {
  if [ -n "${GATEWAY_PID:-}" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "gateway JVM: $GATEWAY_JAVA_OPTS; log: $WORK/gateway.log"
# shellcheck disable=SC2086
CONFIG="$WORK/clusterData.json" PROBE_PORT=$PROBE_PORT WEBSOCKET_PORT=$WEBSOCKET_PORT \
  HTTP_PORT=$HTTP_PORT nice -n 15 java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" \
  > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PROBE_PORT/v1/readiness" > /dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "gateway exited:" >&2
    tail -20 "$WORK/gateway.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "gateway ready (pid $GATEWAY_PID, RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$GATEWAY_PID/status) MiB)"

# shellcheck disable=SC2086
nice -n 15 java $CLIENT_JAVA_OPTS \
  -cp "gateway/target/test-classes:$(cat gateway/target/bench-classpath.txt)" \
  io.kso.gateway.bench.FanoutBench \
  --ws-port "$WEBSOCKET_PORT" --rest-port "$HTTP_PORT" --probe-port "$PROBE_PORT" \
  --gateway-pid "$GATEWAY_PID" --clients "$N" --rounds "$ROUNDS" --warmup "$WARMUP" \
  --payload "$PAYLOAD" --client-transport "${CLIENT_TRANSPORT:-auto}" \
  --client-loops "${CLIENT_LOOPS:-1}"
