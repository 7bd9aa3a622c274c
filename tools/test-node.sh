# The launcher both test engine nodes share (sourced by tools/opensearch/run.sh and
# tools/elasticsearch/run.sh, which set: here, port, home, heap, main, name).
#   run.sh start   # resolve (Maven cache), compile, start, wait; prints the URL
#   run.sh stop | status
set -euo pipefail
url="http://127.0.0.1:$port"
pidfile="$home/node.pid"

answers() { curl -fs -o /dev/null --max-time 2 "$url/_cluster/health?wait_for_status=yellow&timeout=1s"; }

build() {
  mkdir -p "$here/target/classes"
  local classpath="$here/target/classpath.txt" stamp="$here/target/classes/.built"
  if [ ! -s "$classpath" ] || [ "$here/pom.xml" -nt "$classpath" ]; then
    # Offline first: a warm ~/.m2 needs no network at all.
    mvn -B -q -o -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" >/dev/null 2>&1 \
      || mvn -B -q -Dstyle.color=never -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find "$here/src" "$classpath" -newer "$stamp" -print -quit)" ]; then
    rm -rf "$here/target/classes" && mkdir -p "$here/target/classes"
    # shellcheck disable=SC2046  # one argument per source file
    javac -nowarn -cp "$(cat "$classpath")" -d "$here/target/classes" $(find "$here/src" -name '*.java')
    touch "$stamp"
  fi
}

# A fresh JVM takes seconds over its first index (class loading): longer than the suite's
# client timeout. One throwaway index pays that before any test does.
warm_up() {
  curl -fs -o /dev/null --max-time 60 -X PUT "$url/warm-up" -H 'Content-Type: application/json' \
    -d '{"settings":{"number_of_replicas":0}}' || true
  curl -fs -o /dev/null --max-time 60 -X DELETE "$url/warm-up" || true
}

start() {
  if answers; then echo "$url"; return 0; fi
  build
  mkdir -p "$home"
  rm -f "$home/ready"
  nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -Djava.awt.headless=true \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" "$main" "$home" "$port" \
    >"$home/node.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if answers; then warm_up; echo "$url"; return 0; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "$name did not start; last lines of $home/node.log:" >&2
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
