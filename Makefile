# The two commands of the README: `make run` and `make test`. Everything they need
# is installed and started from here, so a fresh machine needs only Python 3.11.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
ENGINE := $(PY) -m search.embedded_engine
ENGINE_PORT ?= 9201
RUN_PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint check serve-steps messages bench bench-search bench-orders clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@command -v msgfmt >/dev/null || apt-get install -y -qq gettext >/dev/null
	touch $(STAMP)

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv -v 0

## make run: the site with demo data on http://127.0.0.1:8000 (Ctrl-C stops it all)
run: $(STAMP) messages
	$(ENGINE) --port $(ENGINE_PORT) --data-dir .data/search -- $(MAKE) --no-print-directory serve-steps

serve-steps:
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_communes
	$(MANAGE) load_categories
	$(MANAGE) create_commune_groups
	$(MANAGE) load_demo
	$(MANAGE) search_index --rebuild
	$(MANAGE) create_demo_accounts
	$(MANAGE) load_demo_orders
	$(MANAGE) load_demo_insights
	$(MANAGE) insights_rollup
	$(MANAGE) import_osm opendata/samples/osm_lille_sample.geojson
	$(MANAGE) runserver 127.0.0.1:$(RUN_PORT)

## make lint: ruff, then the architecture's contracts (.importlinter)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site $(VENV)/bin/lint-imports

check: $(STAMP) messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

## make test: lint, Django checks, migrations check, then the pytest suite
test: lint check
	$(VENV)/bin/pytest

## make test-postgres: the pytest suite again, on a private PostgreSQL cluster
test-postgres: $(STAMP) messages
	.ci/with-postgres $(VENV)/bin/pytest

bench: $(STAMP) messages
	$(PY) bench/shop_page.py
	$(PY) bench/search.py

bench-search: $(STAMP) messages
	$(PY) bench/search.py

## make bench-orders: checkout and webhook figures on a private PostgreSQL cluster
bench-orders: $(STAMP) messages
	.ci/with-postgres $(PY) bench/orders.py

## make bench-pages: page cache, uncached pages and search under wrk, vs a ceiling
.PHONY: bench-pages
bench-pages: $(STAMP) messages
	@command -v wrk >/dev/null && command -v redis-server >/dev/null || apt-get install -y -qq wrk redis-server >/dev/null
	$(PY) bench/pages.py

## make bench-opendata: GeoJSON export of 10,000 shops; API p95 with 20 clients
.PHONY: bench-opendata
bench-opendata: $(STAMP) messages
	$(PY) bench/opendata.py

## make bench-insights: beacon cost, a year of roll-ups for 2,000 shops, the dashboard
.PHONY: bench-insights
bench-insights: $(STAMP) messages
	$(PY) bench/insights.py

clean:
	rm -rf .data media db.sqlite3 staticfiles
