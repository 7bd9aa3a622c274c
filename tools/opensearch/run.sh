#!/usr/bin/env bash
# A real OpenSearch 2.19 node in a JVM on 127.0.0.1, for the test suite only.
#   tools/opensearch/run.sh start   # resolve (Maven cache), compile, start, wait; prints the URL
#   tools/opensearch/run.sh stop | status
# OPENSEARCH_PORT (9250), OPENSEARCH_HOME (/tmp/gohelliades-opensearch), OPENSEARCH_HEAP (512m).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${OPENSEARCH_PORT:-9250}"
home="${OPENSEARCH_HOME:-/tmp/gohelliades-opensearch}"
heap="${OPENSEARCH_HEAP:-512m}"
url="http://127.0.0.1:$port"
pidfile="$home/node.pid"

answers() { curl -fs -o /dev/null --max-time 2 "$url/_cluster/health?wait_for_status=yellow&timeout=1s"; }

build() {
  mkdir -p "$here/target/classes"
  local classpath="$here/target/classpath.txt"
  if [ ! -s "$classpath" ] || [ "$here/pom.xml" -nt "$classpath" ]; then
    # Offline first: a warm ~/.m2 needs no network at all.
    mvn -B -q -o -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" >/dev/null 2>&1 \
      || mvn -B -q -Dstyle.color=never -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
  fi
  if [ ! -f "$here/target/classes/TestNode.class" ] || [ "$here/src/TestNode.java" -nt "$here/target/classes/TestNode.class" ]; then
    javac -nowarn -cp "$(cat "$classpath")" -d "$here/target/classes" "$here/src/TestNode.java"
  fi
}

start() {
  if answers; then echo "$url"; return 0; fi
  build
  mkdir -p "$home"
  rm -f "$home/ready"
  nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -Djava.awt.headless=true \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" TestNode "$home" "$port" \
    >"$home/node.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if answers; then echo "$url"; return 0; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "OpenSearch did not start; last lines of $home/node.log:" >&2
  tail -n 30 "$home/node.log" >&2 || true
  return 1
}

stop() {
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$pidfile"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then echo "up: $url"; else echo "down: $url"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
