# Quick start: `make site` builds the site into build/site/, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# site engine: mkdocs (default) or zensical (`make site ENGINE=zensical`)
ENGINE ?= mkdocs
# the live preview's port (`make serve PORT=8123` when 8000 is taken)
PORT ?= 8000

.PHONY: site serve test test-fast lint check stats golden bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(VENV)/bin/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

# The generator's bytecode, compiled once per change of its source: where PYTHONDONTWRITEBYTECODE is
# set (as in many containers), Python would otherwise compile its modules again at every start.
BYTECODE := $(VENV)/.bytecode
$(BYTECODE): $(STAMP) $(shell find generator -name '*.py')
	$(PY) -m compileall -q generator
	touch $(BYTECODE)

check: $(BYTECODE)       ## validate the data only
	$(PY) -m generator check

site: $(BYTECODE)        ## check, generate Markdown, build the static site into build/site/
	$(PY) -m generator site --engine $(ENGINE)

serve: $(BYTECODE)       ## live preview on http://127.0.0.1:8000, or on the port PORT=… names (saving a YAML file refreshes the page)
	$(PY) -m generator serve --port $(PORT)

test: $(BYTECODE) lint   ## the linters, then every test (browser tests need Debian's chromium)
	$(PY) -m pytest

test-fast: $(BYTECODE)   ## the quick loop: unit tests only (no site build, no browser)
	$(PY) -m pytest -m "not browser and not slow"

lint: $(STAMP)           ## ruff and mypy, configured in pyproject.toml
	$(PY) -m ruff check .
	$(PY) -m mypy

stats: $(BYTECODE)       ## data-coverage report
	$(PY) -m generator stats

golden: $(BYTECODE)      ## refresh the golden Markdown of the fixture corpus
	$(PY) -m tests.golden

bench: $(BYTECODE)       ## search benchmarks at 1x and 50x corpus size
	$(PY) -m generator bench

clean:
	rm -rf build
