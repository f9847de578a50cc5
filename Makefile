# casework — the two commands of the quick start are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup run test lint test-only test-postgres bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@bash scripts/system-packages.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,postgres]"
	touch $@

run: setup
	$(BIN)/casework serve --demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy casework flows api
	$(BIN)/lint-imports

test-only: setup
	$(BIN)/pytest

test: lint test-only

# The store-level suites again on PostgreSQL, the scaled mode's case store.
# Needs CASEWORK_TEST_POSTGRES_URL; `scripts/start-test-postgres.sh` starts one and prints it.
test-postgres: setup
	@test -n "$$CASEWORK_TEST_POSTGRES_URL" || { echo "set CASEWORK_TEST_POSTGRES_URL (see scripts/start-test-postgres.sh)"; exit 2; }
	$(BIN)/pytest tests/integration tests/flows tests/e2e tests/api

bench: setup
	$(PY) bench/run_benchmarks.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
