# The README's two commands: `make run` and `make test`. Both set up the virtual environment first.
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed

WORKERS ?= 3

.PHONY: run test bench cluster

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q -U pip
	$(PYTHON) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PYTHON) main.py

test: $(STAMP)
	scripts/install-test-deps.sh
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

# Several workers behind HAProxy on PostgreSQL (the README's "Running several workers"); Ctrl-C stops them all.
cluster: $(STAMP)
	scripts/install-test-deps.sh
	$(PYTHON) -m deploy.local --workers $(WORKERS)

bench: $(STAMP)
	$(PYTHON) bench/engine.py
