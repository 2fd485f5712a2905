# parentinfo — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install install-run catalogs catalogs-extract catalogs-check run test test-fast lint format migrations bench screenshots browser clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# Two stamps: running needs only parentinfo and its libraries; the tests, linters and
# benchmarks add the dev tools (pytest, playwright, schemathesis, mypy, ruff...) on top.
$(RUN_STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "parentinfo needs Python 3.11 or newer"'
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $(RUN_STAMP)

$(DEV_STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(DEV_STAMP)

install-run: $(RUN_STAMP) ## create .venv and install parentinfo with what running needs

install: $(DEV_STAMP) ## create .venv and install parentinfo with its dev tools

catalogs: $(RUN_STAMP) ## compile the gettext catalogs (locales/*.po -> .mo)
	$(BIN)/python scripts/catalogs.py compile

catalogs-extract: $(RUN_STAMP) ## extract new strings into locales/*.pot and merge them into each .po
	$(BIN)/python scripts/catalogs.py extract

catalogs-check: $(RUN_STAMP) ## fail when a catalog lags behind the code
	$(BIN)/python scripts/catalogs.py check

run: catalogs ## migrate the embedded SQLite database, load the demo, serve on :8000 (PORT=...)
	@echo ""
	@echo "  parentinfo is starting on http://127.0.0.1:$(PORT)"
	@echo "  log in at http://127.0.0.1:$(PORT)/login as coordinator@demo-school.nl with password demo-parentinfo"
	@echo "  phone simulator: http://127.0.0.1:$(PORT)/simulator   mail outbox: http://127.0.0.1:$(PORT)/outbox"
	@echo ""
	$(BIN)/parentinfo serve --demo --port $(PORT)

browser: ## install Debian's chromium for the browser tests when it is missing
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null)

# Two processes: each test has its own database, so they share nothing but the machine.
test: install catalogs browser ## run the whole suite on SQLite and PostgreSQL, browser tests included
	$(BIN)/pytest -n 2 --dist loadfile

test-fast: install catalogs ## the suite without the browser tests
	$(BIN)/pytest -m "not browser"

lint: install ## ruff, strict mypy and the catalog check
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/python scripts/catalogs.py check

format: install ## let ruff format and fix what it can
	$(BIN)/ruff format src tests scripts bench
	$(BIN)/ruff check --fix src tests scripts bench

migrations: install ## write a migration for model changes
	$(BIN)/tortoise -c parentinfo.db.MIGRATIONS_CONFIG makemigrations

bench: install catalogs ## run the benchmarks and write docs/performance.md
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python -m bench

screenshots: install catalogs browser ## write pictures of the key pages into docs/screenshots/
	$(BIN)/python -m tests.browser.screenshots

clean: ## remove the virtualenv and the embedded database
	rm -rf $(VENV) var
