# Quick start: `make site` builds the site into build/site/, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: site serve test test-fast lint check stats golden bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(VENV)/bin/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

check: $(STAMP)          ## validate the data only
	$(PY) -m generator check

site: $(STAMP)           ## check, generate Markdown, build the static site into build/site/
	$(PY) -m generator site

serve: site              ## live preview on http://127.0.0.1:8000 (editing YAML refreshes the page)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --dirtyreload --watch site_data --watch content --watch templates

test: $(STAMP)           ## every test (browser tests need Debian's chromium)
	$(PY) -m pytest

test-fast: $(STAMP)      ## the quick loop: unit tests only (no site build, no browser)
	$(PY) -m pytest -m "not browser and not slow"

lint: $(STAMP)           ## ruff and mypy, configured in pyproject.toml
	$(PY) -m ruff check .
	$(PY) -m mypy

stats: $(STAMP)          ## data-coverage report
	$(PY) -m generator stats

golden: $(STAMP)         ## refresh the golden Markdown of the fixture corpus
	$(PY) -m tests.golden

bench: $(STAMP)          ## search benchmarks at 1x and 50x corpus size
	$(PY) -m generator bench

clean:
	rm -rf build
