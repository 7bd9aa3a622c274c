# Gohelliades — every routine task has a target; `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run test test-fast test-sqlite lint format messages check-deploy clean bench

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

$(BIN)/uv:
	@echo "→ Environnement Python (.venv) et installateur uv…"
	@$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check "uv>=0.5,<0.14"

install: $(BIN)/uv ## Create .venv and install the locked dependencies
	@echo "→ Dépendances verrouillées (uv.lock)…"
	@# uv's own lines say what it downloads and installs; the list of every package is noise.
	@$(BIN)/uv sync --frozen --inexact 2>&1 | grep -Ev '^ [-+~] '

migrate: install ## Apply database migrations
	@echo "→ Base de données : migrations…"
	@$(MANAGE) migrate --no-input -v0

demo: migrate ## Load the demo content if the database has none
	@if $(MANAGE) shell --no-imports -c "from home.models import HomePage; import sys; sys.exit(0 if HomePage.objects.exists() else 1)"; \
	then echo "→ Contenu déjà présent : démo non rechargée (make demo-force pour compléter)."; \
	else echo "→ Contenu de démonstration…"; $(MANAGE) load_demo_data; fi

demo-force: migrate ## Complete the demo content (idempotent)
	$(MANAGE) load_demo_data

run: demo ## Install, migrate, load the demo, serve on http://127.0.0.1:8000
	@echo "→ Le site est servi ; à ouvrir :"
	@$(MANAGE) site_addresses --base http://$(HOST):$(PORT)
	@$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite
	$(BIN)/pytest

test-fast: install ## Run the suite without browser tests
	$(BIN)/pytest -m "not e2e"

test-sqlite: install ## The suite on the embedded default (SQLite), without browser and PostgreSQL-only tests
	DATABASE_URL= $(BIN)/pytest -m "not e2e and not postgresql"

lint: install ## ruff format check, ruff check, missing migrations
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format and fix the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Update the translation catalogues (French source, English translation)
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=var --ignore=node_modules
	$(MANAGE) compilemessages --ignore=.venv

check-deploy: install ## Django's deployment checks on production settings with sample values
	set -a; source deploy/check.env; set +a; \
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) check --deploy --fail-level WARNING

bench: install ## Measure each figure of issue 16 beside its reference (QUICK=1: 1,000 items, minutes; BAKERYDEMO=<clone>: beside bakerydemo too)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,) $(if $(BAKERYDEMO),--bakerydemo $(BAKERYDEMO),)

clean: ## Remove the runtime files of the embedded default
	rm -rf var
