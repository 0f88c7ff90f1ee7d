# Two commands for a fresh machine: `make run` (site on SQLite with the sample disclosures) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/yibao
HOST ?= 127.0.0.1
PORT ?= 8000
SAMPLES := $(wildcard data/seeds/*.txt)

.PHONY: setup run test test-sqlite test-postgres lint format samples bench screenshots loadtest

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_regions

samples: setup
	$(PY) manage.py import_disclosures $(SAMPLES)

run: samples
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

test-sqlite: $(VENV)/.installed
	env -u DATABASE_URL $(VENV)/bin/pytest

# The parsers (tests/parsing) use no database and the browser tests check pages, not SQL: the SQLite pass runs them,
# the PostgreSQL pass runs everything that touches the database.
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser" --ignore=tests/parsing

test: lint test-sqlite test-postgres

bench: setup
	$(PY) manage.py bench_import
	DATABASE_URL=$(PG_URL) $(PY) manage.py bench_import
	DATABASE_URL=$(PG_URL) $(PY) manage.py migrate --noinput
	DATABASE_URL=$(PG_URL) $(PY) manage.py bench_downloads

screenshots: $(VENV)/.installed
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(VENV)/bin/pytest tests/browser

# Load test: gunicorn (production settings) on loopback, locust headless, 50 users for 60 s; prints the figures.
loadtest: $(VENV)/.installed
	$(PY) tests/load/run.py
