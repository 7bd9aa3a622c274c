# Shared by .ci/run and developers (`source .ci/lib.sh`): install and start local services.

DEBIAN_PACKAGES=(postgresql postgresql-contrib chromium docker-compose gettext espeak-ng nginx-light)

ensure_debian_packages() {
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "all present: ${DEBIAN_PACKAGES[*]}"
  fi
}

# What start_postgres, start_opensearch and start_elasticsearch started themselves;
# stop_started_services stops exactly those (a server that already answered belongs to someone
# else and keeps running).
STARTED_SERVICES=()

postgres_bindir() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
postgres_datadir() { echo "${PGDATA_DIR:-/tmp/gohelliades-pgdata}"; }

# A PostgreSQL cluster of our own in /tmp, on 127.0.0.1:5432, owned by the postgres user.
start_postgres() {
  local bindir datadir
  bindir=$(postgres_bindir)
  datadir=$(postgres_datadir)
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL already answers on 127.0.0.1:5432"
  else
    STARTED_SERVICES+=(postgres)
    if [ ! -s "$datadir/PG_VERSION" ]; then
      mkdir -p "$datadir" && chown postgres:postgres "$datadir"
      runuser -u postgres -- "$bindir/initdb" -D "$datadir" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    runuser -u postgres -- "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      -w start >/dev/null
  fi
  runuser -u postgres -- psql -h 127.0.0.1 -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gohelliades') THEN CREATE ROLE gohelliades LOGIN CREATEDB SUPERUSER PASSWORD 'gohelliades'; END IF; END \$\$;"
  runuser -u postgres -- psql -h 127.0.0.1 -qtAc "SELECT 1 FROM pg_database WHERE datname = 'gohelliades'" | grep -q 1 \
    || runuser -u postgres -- createdb -h 127.0.0.1 -O gohelliades gohelliades
  echo "PostgreSQL ready on 127.0.0.1:5432"
}

ensure_java_and_maven() {
  if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      maven openjdk-17-jdk-headless
  fi
}

# start_test_node NAME SCRIPT VARIABLE: one of our engine nodes (Maven resolves it into ~/.m2,
# the JDK runs it), unless it answers already; its URL exported in VARIABLE.
start_test_node() {
  local name=$1 script=$2 variable=$3 url
  ensure_java_and_maven
  "$script" status >/dev/null 2>&1 || STARTED_SERVICES+=("$script")
  url="$("$script" start | tail -n 1)"
  export "$variable=$url"
  echo "$name ready on $url"
}

# A real OpenSearch 2.19 node on 127.0.0.1:9250; the tests put their header proxy in front.
start_opensearch() { start_test_node OpenSearch tools/opensearch/run.sh OPENSEARCH_TEST_URL; }

# A real Elasticsearch 8.19 node on 127.0.0.1:9260, the engine production runs; the tests
# talk to it directly, no proxy.
start_elasticsearch() {
  start_test_node Elasticsearch tools/elasticsearch/run.sh ELASTICSEARCH_TEST_URL
}

stop_started_services() {
  local service
  for service in "${STARTED_SERVICES[@]}"; do
    case "$service" in
      postgres)
        runuser -u postgres -- "$(postgres_bindir)/pg_ctl" -D "$(postgres_datadir)" -m fast -w stop >/dev/null \
          && echo "PostgreSQL stopped" ;;
      *) "$service" stop && echo "$service: stopped" ;;
    esac
  done
  STARTED_SERVICES=()
}
