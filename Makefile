# The verbs a reader uses. `make book` and `make test` set everything up themselves.
# Each target names what it needs: the HTML, the notebooks, validation and export need
# the Python packages and rtlcss (venv); the PDF, the benchmarks and the tests also need
# the Debian packages (system: TeX Live, FreeFont, poppler, Chromium).
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
TOOLS    := .venv-tools
# rtlcss for the Arabic edition's style sheets (npm; see node_modules/.installed below)
NODE     := node_modules/.installed
# rsii.book.build runs: jupyter-book build . --config book/_config.yml --toc book/_toc.yml -W -n --keep-going
# and skips the build when no input changed since the last strict build.
BUILD    := $(BIN)/python -m rsii.book.build
export PYTHONHASHSEED := 0
# The tests run on every core, a module's tests together (see tests/conftest.py).
PARALLEL ?= -n auto --dist loadfile --no-loadscope-reorder

.PHONY: book html pdf check test validate bench export lab linkcheck data clean system venv catalogs

book: html pdf  ## build the HTML site and the PDF

venv: $(BIN)/.installed $(TOOLS)/bin/.installed
$(BIN)/.installed: requirements.txt pyproject.toml CITATION.cff jupyterlab/rsii.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@
$(TOOLS)/bin/.installed: requirements-tools.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --upgrade pip==26.3
	$(TOOLS)/bin/pip install --quiet -r requirements-tools.txt
	touch $@
# rtlcss, which mirrors the themes' CSS for the Arabic edition (rsii.book.sphinxext.rtl),
# at the versions package-lock.json pins; npm itself is a Debian package (`make system`,
# which the targets that need it run first).
$(NODE): package.json package-lock.json
	@scripts/system-deps.sh nodejs npm
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

system:  ## install (as root) or check the Debian packages for the PDF, the browser tests and rtlcss
	@scripts/system-deps.sh

html: venv $(NODE)  ## the HTML site in _build/html: the English edition, and the Arabic in ar/
	$(BUILD) html html-ar

pdf: system venv  ## the PDFs: _build/latex/book.pdf, and the Arabic edition's book-ar.pdf
	$(BUILD) pdf pdf-ar

check: venv $(NODE)  ## the quick loop: lint, the import contracts, every test that needs no build
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports
	$(BIN)/rsii validate
	$(BIN)/pytest -q -m "not book" $(PARALLEL)

test: system venv $(NODE) html pdf  ## build, then the whole suite
	$(BIN)/rsii validate
	$(BIN)/lint-imports
	$(BIN)/pytest $(PARALLEL)

validate: venv  ## check the data package
	$(BIN)/rsii validate

export: venv  ## networks, tables and results for reuse, in out/
	$(BIN)/rsii export out

bench: system venv $(NODE)  ## build and test benchmarks, written to benchmarks/results.md
	$(BIN)/python -m rsii.book.bench

data: venv  ## regenerate headings.csv and sentences.csv from data/source/
	$(BIN)/rsii sentences

lab: venv  ## JupyterLab on the MyST notebooks (a double click opens them as notebooks)
	$(BIN)/python -m rsii.book.lab

catalogs: venv  ## bring the Arabic edition's catalogs (locales/ar) up to the English sources
	$(BIN)/python -m rsii.book.catalogs

linkcheck: venv  ## external links: needs a network, not part of CI
	$(BUILD) linkcheck

clean:
	rm -rf _build .jupyter_cache node_modules book/article.md book/actors out test-artifacts .pytest_cache .ruff_cache
