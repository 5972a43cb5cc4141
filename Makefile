# Developer shortcuts. The README's two commands are `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint browser-deps pdf-deps translations benchmarks

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Install, set up an SQLite database with demo data, serve on http://127.0.0.1:5000/
run: $(STAMP)
	$(BIN)/checker serve

# Browser tests drive Debian's Chromium and axe-core from the npm registry.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian) and try again"; exit 1; fi; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --silent --no-audit --no-fund

# The signature tests ask poppler's pdfsig, as an ordinary PDF tool, to list a report's signature.
pdf-deps:
	@command -v pdfsig >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils; \
	  else echo "pdfsig is missing: run 'sudo apt-get install poppler-utils' (Debian) and try again"; exit 1; fi; }

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) browser-deps pdf-deps lint
	$(BIN)/pytest

# After changing user-facing text: extract, merge into the catalogue, translate, compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --width 100 --project climate-checker -o checker/translations/messages.pot .
	$(BIN)/pybabel update -i checker/translations/messages.pot -d checker/translations \
	  --no-fuzzy-matching --width 100 --ignore-obsolete
	$(BIN)/pybabel compile -d checker/translations --statistics

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/engine.py
