# Two commands for a fresh machine: `make run` (site on SQLite with the sample disclosures) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/yibao
HOST ?= 127.0.0.1
PORT ?= 8000
SAMPLES := $(wildcard data/seeds/*.txt)

.PHONY: setup run test test-sqlite test-postgres lint format samples bench screenshots bench-data bench-pages bench-browser loadtest

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_regions

# A sample staff have replaced since (or whose bureau, year and kind have another current version) is skipped, never
# replaced back; a sample that cannot be read is still an error and stops `make run`.
samples: setup
	$(PY) manage.py import_disclosures --skip-existing $(SAMPLES)

run: samples
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --check
	$(PY) .ci/dead_code.py
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
	$(PY) manage.py bench_pdf

# The national demo set (2,850 counties x 8 years, about 22,800 documents) and two small ones to compare with, each
# in its own PostgreSQL database: 60 documents (60 counties, one year), and 160 (20 counties x the same 8 years), on
# which the compared pages show as much as at national scale (the bureau's 8 years, 20 bureaus x 8 years, 100 rows of
# the API), so that its growth is the database's size alone; then every public page measured (docs/benchmarks.md).
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/yibao_demo
BENCH_SMALL_URL ?= postgres://postgres@127.0.0.1:5432/yibao_demo_small
BENCH_SAME_URL ?= postgres://postgres@127.0.0.1:5432/yibao_demo_same
BENCH_JOBS ?= 2

bench-data: $(VENV)/.installed
	DATABASE_URL=$(BENCH_SMALL_URL) $(PY) manage.py migrate --noinput
	DATABASE_URL=$(BENCH_SMALL_URL) $(PY) manage.py load_regions
	DATABASE_URL=$(BENCH_SMALL_URL) $(PY) manage.py generate_demo --counties 60 --years 2026 --seed 8
	DATABASE_URL=$(BENCH_SAME_URL) $(PY) manage.py migrate --noinput
	DATABASE_URL=$(BENCH_SAME_URL) $(PY) manage.py load_regions
	DATABASE_URL=$(BENCH_SAME_URL) $(PY) manage.py generate_demo --counties 20 --years 2019-2026 --seed 8
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py migrate --noinput
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py load_regions
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py generate_demo --counties 2850 --years 2019-2026 --seed 8 --jobs $(BENCH_JOBS)

bench-pages: $(VENV)/.installed
	DATABASE_URL=$(BENCH_SMALL_URL) $(PY) manage.py bench_pages --save .bench-small.json > /dev/null
	DATABASE_URL=$(BENCH_SAME_URL) $(PY) manage.py bench_pages --save .bench-same.json > /dev/null
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py bench_pages --baseline .bench-small.json --baseline .bench-same.json

# The pages in headless Chromium, served as in production (gunicorn, whitenoise's compressed static files).
bench-browser: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=bench $(PY) manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_URL) DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=bench \
		DJANGO_SECURE_SSL_REDIRECT=0 $(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:8765 --workers 2 \
		--pid .bench-gunicorn.pid --daemon
	sleep 3
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py bench_browser --base-url http://127.0.0.1:8765; \
		status=$$?; kill $$(cat .bench-gunicorn.pid); exit $$status

screenshots: $(VENV)/.installed
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(VENV)/bin/pytest tests/browser

# Load test: gunicorn (production settings) on loopback, locust headless, 50 users for 60 s; prints the figures.
loadtest: $(VENV)/.installed
	$(PY) tests/load/run.py
