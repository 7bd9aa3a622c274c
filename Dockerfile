# The Gohelliades web image: gunicorn serves the site, the same image runs the task worker.
# Built by `docker-compose build` (see docker-compose.yml and the README).

# --- build: locked dependencies, compiled translations, collected static files -------------
FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv

# msgfmt for compilemessages; only in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir --disable-pip-version-check "uv==0.13.9"

WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
ENV PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/static
# Nothing secret at build time: production settings import without their services, and these
# two commands touch neither the database nor the environment checks. compilemessages fails
# when there is no catalogue at all, hence the guard.
RUN export VAR_DIR=/tmp/build-var SECRET_KEY=build-only-not-a-secret \
    && if find . -path '*/LC_MESSAGES/*.po' | grep -q .; then \
        python manage.py compilemessages -v0; fi \
    && python manage.py collectstatic --no-input -v0 \
    && find static -type f -exec sha256sum {} + | sort | sha256sum | cut -c1-16 > .static-release \
    && rm -rf /tmp/build-var

# --- runtime: no compiler, no uv, a user without rights on the code ------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/static \
    VAR_DIR=/tmp/gohelliades

# /srv/static is where the shared volume with nginx is mounted; owned by the app user so that
# a fresh volume inherits that ownership.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app \
    && mkdir -p /srv/static \
    && chown app:app /srv/static

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

WORKDIR /app
USER app
EXPOSE 8000
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["web"]
