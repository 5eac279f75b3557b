# Reform Reports. `make serve` to preview, `make test` for everything; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: the sitemap's dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help venv check site serve test test-unit test-build clean

help:
	@echo "make serve   build and preview on http://127.0.0.1:8000/ with live reload"
	@echo "make test    validate the data, build strictly, run all tests"
	@echo "make check   validate the data only"
	@echo "make site    strict build into site/"

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

check: $(STAMP)
	$(BIN)/python -m macros.check data

site: check
	$(BIN)/mkdocs build --strict --clean --site-dir site

serve: check
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP)
	$(BIN)/python -m macros.check data
	$(BIN)/python -m pytest -q tests

clean:
	rm -rf site .pytest_cache
