# cleaner: Make-driven pipeline. `make help` lists the targets; configuration lives in
# cleaner.toml (Python/TOML), not here. Variables can be overridden: make clean RAW=… CLEAN=…
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules
.DEFAULT_GOAL := help

RAW ?= raw
CLEAN ?= clean
CORPUS ?= corpus
SHARD_DOCS ?= 10000
JOBS ?= 0
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CLEANER := $(PY) -m cleaner
CONFIG ?=
EVAL_ARGS ?=
BENCH_ARGS ?=
TRAIN_ARGS ?=
CONFIG_ARG := $(if $(CONFIG),--config $(CONFIG),)
RULES ?=
FUZZ_SECONDS ?= 60
RULES_ARG := $(if $(RULES),--rules $(RULES),)
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

TRAIN_STAMP := $(VENV)/.installed-train
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: help clean test eval bench train distclean outputs-clean install audit fuzz corpus

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

$(TRAIN_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[train]'
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	touch $@

install: $(STAMP) ## create .venv and install the package (done by the other targets)

clean: $(STAMP) ## clean every file under RAW into CLEAN (the main job; reruns skip what is up to date)
	$(CLEANER) $(CONFIG_ARG) run "$(RAW)" "$(CLEAN)" --jobs $(JOBS) $(RULES_ARG)

audit: $(STAMP) ## write the audit report CLEAN/audit/index.html (what was removed, and why)
	$(CLEANER) $(CONFIG_ARG) audit "$(CLEAN)"

corpus: $(STAMP) ## export CLEAN as Dolma shards in CORPUS (documents/, source/ with attributes; SHARD_DOCS=n)
	$(CLEANER) $(CONFIG_ARG) export "$(CLEAN)" "$(CORPUS)" --raw "$(RAW)" --shard-docs $(SHARD_DOCS)

test: $(TEST_STAMP) ## run the whole test suite
	$(PY) -m pytest -q

fuzz: $(TEST_STAMP) ## fuzz the document cleaner for FUZZ_SECONDS (default 60; not part of test)
	$(PY) -m tests.robust.fuzz --seconds $(FUZZ_SECONDS)

eval: $(BENCH_STAMP) ## score the cleaner and baselines on ../shared/bench (minutes; EVAL_ARGS=--help)
	$(PY) -m bench.eval $(EVAL_ARGS)

# Refuses an empty CLEAN, /, the project (or a folder holding it) and a folder holding RAW.
bench: $(BENCH_STAMP) ## measure speed (vs trafilatura, scaling, no-op rerun, memory) on ../shared/bench (BENCH_ARGS=--help)
	$(PY) -m bench.speed $(BENCH_ARGS)

train: $(TRAIN_STAMP) ## retrain the line model cleaner/models/lines.json from ../shared/bench
	$(PY) -m bench.train_lines $(TRAIN_ARGS)

outputs-clean: ## delete the generated outputs in CLEAN (keeps its placeholder)
	@dir="$(CLEAN)"; test -n "$$dir" || { echo "outputs-clean: CLEAN is empty" >&2; exit 2; }
	@test ! -e "$(CLEAN)" || test -d "$(CLEAN)" || { echo "outputs-clean: $(CLEAN) is not a folder" >&2; exit 2; }
	@if test -d "$(CLEAN)"; then \
	  real=$$(cd "$(CLEAN)" && pwd -P); \
	  raw=$$(cd "$(RAW)" 2>/dev/null && pwd -P || true); \
	  case "$(CURDIR)/" in "$$real"/*) echo "outputs-clean: refusing to empty $(CLEAN): it holds the project" >&2; exit 2;; esac; \
	  case "$${raw:-/nonexistent}/" in "$$real"/*) echo "outputs-clean: refusing to empty $(CLEAN): it holds RAW" >&2; exit 2;; esac; \
	  test "$$real" != / || { echo "outputs-clean: refusing to empty /" >&2; exit 2; }; \
	  find "$$real" -mindepth 1 -not -type d -not -path "$$real/.gitkeep" -not -path "$$real/README.md" -delete; \
	  find "$$real" -mindepth 1 -type d -empty -delete; \
	  echo "emptied $(CLEAN)"; \
	fi

distclean: outputs-clean ## also delete the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
