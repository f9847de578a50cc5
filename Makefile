# casework — the two commands of the quick start are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

# Every dependency (runtime, the dev and postgres extras, and the tools: pip, setuptools as the
# build backend, uv) is pinned with its hashes in $(LOCK), so a fresh machine installs exactly
# what CI tested. uv installs it (from PyPI: uv does not read pip.conf) and refreshes it.
LOCK := requirements.lock
UV_VERSION := 0.13.9
UV := $(BIN)/uv
LOCK_TOOLS := pip 'setuptools>=69' uv==$(UV_VERSION)
# `make lock LOCK_FLAGS=--upgrade` moves every pin to the newest release pyproject.toml allows;
# `make lock LOCK_FLAGS="--upgrade-package fastapi"` moves one.
LOCK_FLAGS ?=

.PHONY: setup lock run test lint test-only test-postgres bench bench-scaled clean messages

setup: $(VENV)/.installed

# `pip sync` makes the venv exactly the lock (removing what it does not list); the project goes
# in last, built with the locked setuptools and with no index, so that a lock which no longer
# covers pyproject.toml fails here rather than installing something untested.
$(VENV)/.installed: pyproject.toml $(LOCK)
	@bash scripts/system-packages.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-index --no-build-isolation -e ".[dev,postgres]" \
		|| { echo "$(LOCK) does not cover pyproject.toml: run make lock" >&2; exit 1; }
	touch $@

# Refresh the lock from pyproject.toml (keeping every pin it still allows), then test it.
lock:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	printf '%s\n' $(LOCK_TOOLS) | $(UV) pip compile pyproject.toml - \
		--extra dev --extra postgres --universal --python-version 3.11 --generate-hashes \
		--custom-compile-command "make lock" --quiet $(LOCK_FLAGS) -o $(LOCK)
	$(MAKE) test

run: setup
	$(BIN)/casework serve --demo

# Extract the printed words into the catalogues' template, then bring each language's .po up to
# date (new words arrive empty and fuzzy matches marked for review): translate, then commit.
LOCALES := casework/locales
messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
		--project casework --copyright-holder "casework" -o $(LOCALES)/casework.pot .
	$(BIN)/pybabel update -D casework -i $(LOCALES)/casework.pot -d $(LOCALES)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy casework flows api commands demo journey
	$(BIN)/lint-imports

# One test process per core (pytest-xdist), a file's tests on one of them: module-scoped
# fixtures (a scaled unit's processes) start once. `make test PYTEST_WORKERS=0` runs in one.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

# The console's browser tests need Debian's chromium and chromium-driver; `make run` does not.
test-only: setup
	@bash scripts/browser-packages.sh
	$(PYTEST)

test: lint test-only

# The store-level suites again on PostgreSQL, the scaled mode's case store.
# Needs CASEWORK_TEST_POSTGRES_URL; `scripts/start-test-postgres.sh` starts one and prints it.
test-postgres: setup
	@test -n "$$CASEWORK_TEST_POSTGRES_URL" || { echo "set CASEWORK_TEST_POSTGRES_URL (see scripts/start-test-postgres.sh)"; exit 2; }
	$(PYTEST) tests/integration tests/flows tests/e2e tests/api

bench: setup
	$(PY) bench/run_benchmarks.py

# Scaled mode (PostgreSQL, a Prefect server, two workers); needs CASEWORK_TEST_POSTGRES_URL.
bench-scaled: setup
	$(PY) bench/scaled_mode.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
