# incidentdesk: `make run` and `make test` work on a fresh machine with Python 3.11, git and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= $(CURDIR)/out/incidentdesk.db
export INCIDENTDESK_DB ?= sqlite:///$(DB)

.PHONY: run test lint bench fmt clean venv

venv: $(STAMP)

$(STAMP): requirements/main.txt requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/main.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p out
	$(BIN)/incidentdesk ingest examples/demo
	$(BIN)/incidentdesk show

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

bench: $(STAMP)
	$(BIN)/python -m incidentdesk.bench.throughput

# Web app (issue 5): PNGs of the pages for the README; load on the incident page (BENCHMARKS.md).
.PHONY: screenshots bench-web
screenshots: $(STAMP)
	$(BIN)/python -m incidentdesk.bench.screenshots --out docs/screenshots

bench-web: $(STAMP)
	$(BIN)/python -m incidentdesk.bench.load --clients 20 --duration 30

# MUC-4 targets (train-muc4, ...) live in their own fragment.
-include mk/muc4.mk

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
