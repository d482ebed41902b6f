# cleaner: Make-driven pipeline. `make help` lists the targets; configuration lives in
# cleaner.toml (Python/TOML), not here. Variables can be overridden: make clean RAW=… CLEAN=…
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules
.DEFAULT_GOAL := help

RAW ?= raw
CLEAN ?= clean
JOBS ?= 0
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CLEANER := $(PY) -m cleaner
CONFIG ?=
CONFIG_ARG := $(if $(CONFIG),--config $(CONFIG),)
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: help clean test eval distclean outputs-clean install

help: ## list the targets
	@echo "cleaner: make TARGET [RAW=raw] [CLEAN=clean] [JOBS=n] [CONFIG=cleaner.toml]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort | awk -F'\t' '{printf "  %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(STAMP) ## create .venv and install the package (done by the other targets)

clean: $(STAMP) ## clean every file under RAW into CLEAN (the main job; reruns skip what is up to date)
	$(CLEANER) $(CONFIG_ARG) run $(RAW) $(CLEAN) --jobs $(JOBS)

test: $(TEST_STAMP) ## run the whole test suite
	$(PY) -m pytest -q

eval: $(STAMP) ## score the cleaner and baselines on ../shared/bench (minutes)
	$(PY) -m bench.eval

outputs-clean: ## delete the generated outputs in CLEAN (keeps its placeholder)
	find $(CLEAN) -mindepth 1 -not -name .gitkeep -not -name README.md -delete

distclean: outputs-clean ## also delete the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
