#!/bin/sh
# Start a Gohelliades container: `web` (the default), `worker` or `scheduler`; anything else is run as is
# (e.g. `docker-compose run --rm web python manage.py createsuperuser`).
set -eu
cd /app

# Production settings refuse to start when a variable is missing (config/checks.py) and
# Django's deployment checks must be clean: better a container that stops with a message
# than a site that half works.
preflight() {
  python manage.py check --deploy --fail-level WARNING
}

# nginx serves /static/ from a volume shared with the web containers. Each image publishes
# its files in their own release directory, then swaps the `current` link in one rename:
# nginx never sees a half-copied tree, and an upgrade never leaves stale files behind.
publish_static() {
  root=/srv/static
  release=$(cat /app/.static-release)
  mkdir -p "$root/releases"
  if [ ! -d "$root/releases/$release" ]; then
    staging=$(mktemp -d "$root/releases/.staging-XXXXXX")
    cp -R /app/static/. "$staging/"
    chmod 755 "$staging"
    # Another web container may have published the same release meanwhile: keep theirs.
    mv -T "$staging" "$root/releases/$release" 2>/dev/null || rm -rf "$staging"
  fi
  ln -sfn "releases/$release" "$root/.current-$$"
  mv -T "$root/.current-$$" "$root/current"
  # Keep the three most recent releases, for containers of the previous image still running.
  ls -1t "$root/releases" | tail -n +4 | while read -r old; do
    [ "$old" = "$release" ] || rm -rf "${root:?}/releases/$old"
  done
}

case "${1:-web}" in
  web)
    preflight
    python deploy/migrate.py
    publish_static
    # Settings tunable from the environment too: GUNICORN_CMD_ARGS, WEB_CONCURRENCY.
    exec gunicorn config.wsgi:application \
      --bind 0.0.0.0:8000 \
      --workers "${WEB_CONCURRENCY:-3}" \
      --timeout "${GUNICORN_TIMEOUT:-60}" \
      --graceful-timeout 30 \
      --max-requests 1000 --max-requests-jitter 100 \
      --forwarded-allow-ips '*' \
      --worker-tmp-dir /dev/shm \
      --no-control-socket \
      --access-logfile - --error-logfile -
    ;;
  worker)
    preflight
    # Every queue; each worker picks its own id, so `--scale worker=N` just works.
    exec python manage.py db_worker --queue-name '*' --no-reload
    ;;
  scheduler)
    preflight
    exec python manage.py run_periodic_jobs --every "${SCHEDULER_INTERVAL:-300}" -v0
    ;;
  *)
    exec "$@"
    ;;
esac
