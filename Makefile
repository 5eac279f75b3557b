# Reform Reports. `make serve` to preview, `make test` for everything; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: the sitemap's dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help venv check fmt schemas site serve test pdf browser lock bench clean

help:
	@echo "make serve   preview on http://127.0.0.1:8000/ (or ADDR=host:port) with live reload; data problems show in the page"
	@echo "make test    validate the data, build strictly, run all tests"
	@echo "make check   validate the data only (schema, references, format, translations)"
	@echo "make fmt     rewrite the data files to their canonical form; update translation fingerprints"
	@echo "make schemas regenerate schemas/*.schema.json from macros/schema.py"
	@echo "make site    strict build into site/"
	@echo "make pdf     one PDF per report per language into pdf/ (installs Chromium and CJK fonts if missing)"
	@echo "make bench   measure build and load speed into bench/REPORT.md"

# Every package pinned with its hashes (requirements-dev.txt includes the runtime ones).
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

check: $(STAMP)
	$(BIN)/python -m macros.check data
	$(BIN)/python -m macros.jsonschemas --check

fmt: $(STAMP)
	$(BIN)/python -m macros.fmt data

schemas: $(STAMP)
	$(BIN)/python -m macros.jsonschemas

site: check
	$(BIN)/mkdocs build --strict --clean --site-dir site

# Serves even when the data has problems: the check prints them here, and every page lists
# them until the data is fixed (then the page reloads with the site).
ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	@$(BIN)/python -m macros.check data || echo "Serving anyway: the pages list these problems until they are fixed."
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR) --livereload

test: check browser
	$(BIN)/python -m pytest -q tests

browser: node_modules/.installed
	bash tools/install-browser.sh

# axe-core, for the accessibility tests, at the version package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

pdf: site browser
	$(BIN)/python tools/pdf.py

# A benchmark, not a test: writes bench/REPORT.md (about ten minutes).
bench: site browser
	$(BIN)/python tools/bench.py

# Recompile the pinned requirements with hashes from requirements.in / requirements-dev.in.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site pdf .pytest_cache
