# Reform Reports. `make serve` to preview, `make test` for everything; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: the sitemap's dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help venv check fmt schemas site serve test pdf browser lock bench clean diff tidy tidy-commit accept pr-report pr-publish preview-publish site-publish previews-prune

help:
	@echo "make serve   preview on http://127.0.0.1:8000/ (or ADDR=host:port) with live reload; data problems show in the page"
	@echo "make test    validate the data, build strictly, run all tests"
	@echo "make check   validate the data only (schema, references, format, translations)"
	@echo "make fmt     rewrite the data files to their canonical form; update translation fingerprints"
	@echo "make schemas regenerate schemas/*.schema.json from macros/data/schema.py"
	@echo "make site    strict build into site/"
	@echo "make pdf     one PDF per report per language into pdf/ (installs Chromium and CJK fonts if missing)"
	@echo "make bench   measure build and load speed into bench/REPORT.md"
	@echo "make diff    what changed in the data since BASE (a git ref, default HEAD), as Markdown"
	@echo "make accept KEY=xingu-tax-revenue.text   the English of that text still matches its changed Chinese"

# Every package pinned with its hashes (requirements-dev.txt includes the runtime ones).
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

check: $(STAMP)
	$(BIN)/python -m macros.edit.check data
	$(BIN)/python -m macros.data.jsonschemas --check

fmt: $(STAMP)
	$(BIN)/python -m macros.edit.fmt data

schemas: $(STAMP)
	$(BIN)/python -m macros.data.jsonschemas

site: check
	$(BIN)/mkdocs build --strict --clean --site-dir site

# Serves even when the data has problems: the check prints them here, and every page lists
# them until the data is fixed (then the page reloads with the site).
ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	@$(BIN)/python -m macros.edit.check data || echo "Serving anyway: the pages list these problems until they are fixed."
	SITE_URL=$${SITE_URL:-http://$(ADDR)/} $(BIN)/mkdocs serve --strict --dev-addr $(ADDR) --livereload

# The site-level tests run twice: on the data as it is, and with a third report of another
# shape added as one data file (tests/fixtures/testpark.yaml), so that they hold for
# whatever reports the data holds.
test: check browser
	$(BIN)/python -m pytest -q tests
	REFORM_EXTRA_REPORTS=tests/fixtures/testpark.yaml $(BIN)/python -m pytest -q -m site tests

browser: node_modules/.installed
	bash tools/install-browser.sh

# axe-core, for the accessibility tests, at the version package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

pdf: site browser
	$(BIN)/python tools/pdf.py

# A benchmark, not a test: writes bench/REPORT.md and the README's table (about 25 minutes;
# BENCH_ARGS=--no-lighthouse skips the Lighthouse runs). Lighthouse is installed apart from
# the test tools, so `make test` does not download it.
bench: site browser bench/lighthouse/node_modules/.installed
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund --silent
	touch $@

# Recompile the pinned requirements with hashes from requirements.in / requirements-dev.in.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements-dev.txt requirements-dev.in

# What changed in the data since a git ref, as the pull-request comment writes it.
BASE ?= HEAD
diff: $(STAMP)
	$(BIN)/python -m macros.edit.datadiff --base $(BASE) $(if $(PREVIEW_URL),--preview-url $(PREVIEW_URL))

# The pull request's tidy step: layout, translation fingerprints and the editors'
# en_still_matches marks. Never fails on a mistake in the data (the check names those).
tidy: $(STAMP)
	$(BIN)/python -m macros.edit.fmt --keep-going data

# Tidy the checkout in TIDY_DIR (default: this one) with this checkout's code, and commit
# the result if anything changed (the workflow pushes it). With BASE, a checkout that
# changes the tidy step's own code since BASE is left to its author (tools/tidy_commit.py).
TIDY_DIR ?= .
tidy-commit: $(STAMP)
	$(BIN)/python tools/tidy_commit.py $(TIDY_DIR) $(if $(TIDY_BASE),--base $(TIDY_BASE))

# For those with a terminal: the English of KEY still says what its changed Chinese says.
accept: $(STAMP)
	$(BIN)/python -m macros.edit.accept $(KEY)

# What the pull-request workflow reports: the changes comment and, for forks, the tidy
# suggestions, into pr-report/ beside the meta.json the context step wrote.
pr-report: $(STAMP)
	mkdir -p pr-report
	$(BIN)/python -m macros.edit.datadiff --base $(BASE) --output pr-report/comment.md $(if $(PREVIEW_URL),--preview-url $(PREVIEW_URL))
	$(BIN)/python -m macros.edit.suggestions --base $(BASE) --out pr-report/suggestions.json

# The privileged side (pull-request-publish.yml, deploy.yml, previews-cleanup.yml): runs the
# default branch's own tools with the system Python, standard library only; never
# the pull request's code.
pr-publish:
	python3 tools/github_pr.py publish pr-report

preview-publish:
	python3 tools/ghpages.py preview site gh-pages $(PR) --push

site-publish:
	python3 tools/ghpages.py site site gh-pages --push

previews-prune:
	python3 tools/ghpages.py prune gh-pages --push

clean:
	rm -rf site pdf .pytest_cache pr-report
