# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make        build every article's outputs into output/
#   make test   run every test
# Both create .venv and install what they need on first use. Every other target is one call
# of `legpain-docs build` (`make help` lists them): the build, not make, reads the articles,
# decides what is out of date and names the files, so no id or file name ever reaches a shell.

PYTHON ?= python3
# What to build; set on the command line (make PAPER=a4). Plain assignments, so that a SOURCE
# or PAPER left in the environment changes nothing.
SOURCE =
SOURCE_DIR = source
OUT = output
PAPER = letter
LARGE_PRINT =
FLIP = long
CLINIC =
LIBRARY =
JOBS =
MAX_GRADE = 8
PYTEST_ARGS =

VENV := .venv
BIN := $(VENV)/bin
# The values reach the command through the environment, quoted, never pasted into a command
# line: a space, a quote or a semicolon in them is only a character. SOURCE is a list, split at
# spaces and newlines (with no wildcard expansion); a file whose name holds a space is built
# from the source folder, or by naming it to legpain-docs itself.
export LEGPAIN_SOURCE = $(value SOURCE)
export LEGPAIN_SOURCE_DIR = $(value SOURCE_DIR)
export LEGPAIN_OUT = $(value OUT)
export LEGPAIN_PAPER = $(value PAPER)
export LEGPAIN_FLIP = $(value FLIP)
export LEGPAIN_CLINIC = $(value CLINIC)
export LEGPAIN_LIBRARY = $(value LIBRARY)
export LEGPAIN_JOBS = $(value JOBS)
export LEGPAIN_MAX_GRADE = $(value MAX_GRADE)
# LARGE_PRINT=1 (or yes) means large print; 0, no and false mean regular print.
LARGE := $(filter-out 0 no false,$(LARGE_PRINT))
OPTIONS = --source-dir "$$LEGPAIN_SOURCE_DIR" --out-dir "$$LEGPAIN_OUT" --paper "$$LEGPAIN_PAPER" \
	--flip "$$LEGPAIN_FLIP" $(if $(LARGE),--large-print) $(if $(CLINIC),--clinic "$$LEGPAIN_CLINIC") \
	$(if $(LIBRARY),--library "$$LEGPAIN_LIBRARY") $(if $(JOBS),--jobs "$$LEGPAIN_JOBS")
build = set -f; $(BIN)/legpain-docs build $(OPTIONS) $(1) -- $$LEGPAIN_SOURCE

.PHONY: all pdf anki cards html variants handout-a4 handout-large handout-a4-large cards-a4 cards-short \
	cards-a4-short check readability pemat fhir braille epub bilingual schema test bench golden clean help preview

all: $(VENV)/.installed ; @$(call build,)
pdf: $(VENV)/.installed ; @$(call build,--kind handout)
anki: $(VENV)/.installed ; @$(call build,--kind deck)
cards: $(VENV)/.installed ; @$(call build,--kind cards)
html: $(VENV)/.installed ; @$(call build,--kind html)
variants: $(VENV)/.installed ; @$(call build,--all-variants)
handout-a4: $(VENV)/.installed ; @$(call build,--kind handout --paper a4)
handout-large: $(VENV)/.installed ; @$(call build,--kind handout --large-print)
handout-a4-large: $(VENV)/.installed ; @$(call build,--kind handout --paper a4 --large-print)
cards-a4: $(VENV)/.installed ; @$(call build,--kind cards --paper a4)
cards-short: $(VENV)/.installed ; @$(call build,--kind cards --flip short)
cards-a4-short: $(VENV)/.installed ; @$(call build,--kind cards --paper a4 --flip short)
check: $(VENV)/.installed ; @$(call build,--check)
readability: $(VENV)/.installed ; @$(call build,--readability "$$LEGPAIN_MAX_GRADE")
clean: $(VENV)/.installed ; @$(call build,--clean)
# The PEMAT-P self-audit of each article (reported, never failing), and each article's FHIR
# bundle for an EHR: a DocumentReference carrying its handout (PAPER, CLINIC) and web page.
pemat: $(VENV)/.installed ; @$(call build,--pemat)
fhir: $(VENV)/.installed ; @$(call build,--kind fhir)
# The braille edition (.brf, 40 cells by 25 lines, and its guide to embossing it; through Debian's
# liblouis, installed on first use) and the EPUB book, each article's, built on request.
braille: $(VENV)/.liblouis ; @$(call build,--kind braille --kind emboss-guide)
epub: $(VENV)/.installed ; @$(call build,--kind epub)
# The bilingual handout: SOURCE=the original BILINGUAL=its translation, side by side (PAPER, LARGE_PRINT);
# PRINT_STALE=1 prints it even while the translation lags behind its original.
BILINGUAL =
PRINT_STALE =
export LEGPAIN_BILINGUAL = $(value BILINGUAL)
bilingual: $(VENV)/.installed
	@test -n "$$LEGPAIN_BILINGUAL" -a -n "$$LEGPAIN_SOURCE" || { echo "make bilingual needs SOURCE=the original" \
	  "and BILINGUAL=its translation" >&2; exit 2; }
	@$(BIN)/legpain-docs pdf "$$LEGPAIN_SOURCE" --with "$$LEGPAIN_BILINGUAL" --out-dir "$$LEGPAIN_OUT" \
	  --paper "$$LEGPAIN_PAPER" $(if $(LARGE),--large-print) $(if $(filter-out 0 no false,$(PRINT_STALE)),--print-stale)

$(VENV)/.liblouis: $(VENV)/.installed
	@if ! $(BIN)/python -c "import ctypes; ctypes.CDLL('liblouis.so.20')" 2>/dev/null \
	    || [ ! -f /usr/share/liblouis/tables/en-ueb-g2.ctb ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y liblouis20 liblouis-data; \
	  else echo "braille needs liblouis: install it (Debian: sudo apt-get install liblouis20 liblouis-data)" >&2; exit 1; fi; \
	fi
	touch $@

# Every view of the articles in a browser, rebuilt on each save (Ctrl-C stops it); it writes
# nothing into OUT or beside the sources: its views live in a temporary folder.
preview: $(VENV)/.installed
	@set -f; $(BIN)/legpain-docs preview --source-dir "$$LEGPAIN_SOURCE_DIR" --paper "$$LEGPAIN_PAPER" \
	  --flip "$$LEGPAIN_FLIP" $(if $(LARGE),--large-print) $(if $(CLINIC),--clinic "$$LEGPAIN_CLINIC") \
	  $(if $(LIBRARY),--library "$$LEGPAIN_LIBRARY") -- $$LEGPAIN_SOURCE

# The committed JSON Schemas that editors use; a test fails when they fall behind the code.
schema: $(VENV)/.installed
	$(BIN)/legpain-docs schema article > source/article.schema.json
	$(BIN)/legpain-docs schema clinic > source/clinic.schema.json

help:
	@echo 'make                  build every article of SOURCE_DIR (source/) into OUT (output/): only what changed'
	@echo 'make test             run every test (installs what they need on first use)'
	@echo 'make pdf | anki | cards | html    one kind of output'
	@echo 'make handout-a4 | handout-large | handout-a4-large | cards-a4 | cards-short | cards-a4-short'
	@echo 'make variants         every kind in every print variant'
	@echo 'make check            check every article, clinic file and the library file; print reading grades'
	@echo 'make readability      the reading-level report; fails above MAX_GRADE (8)'
	@echo 'make pemat | fhir     the PEMAT-P self-audit; each article'"'"'s FHIR bundle for an EHR'
	@echo 'make preview          every view of the articles in a browser, rebuilt on each save'
	@echo 'make braille | epub   each article'"'"'s braille edition and guide; its EPUB book'
	@echo 'make bilingual SOURCE=original.yaml BILINGUAL=translation.yaml    the two side by side (PRINT_STALE=1)'
	@echo 'make schema | golden | bench | clean    JSON Schemas, reference files, timings, remove outputs'
	@echo 'Variables: SOURCE="a.yaml b.yaml" SOURCE_DIR= OUT= PAPER=a4 LARGE_PRINT=1 FLIP=short'
	@echo '           CLINIC=source/x.clinic.yaml LIBRARY= JOBS=N MAX_GRADE= PYTEST_ARGS='

# The web handout's tests run in a real browser: Debian's Chromium, driven by Playwright, with
# axe-core from npm injected into the page. Each is installed once, on first use.
CHROMIUM ?= /usr/bin/chromium
AXE_VERSION := 4.11.4
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js
AXE_STAMP := $(VENV)/node/.axe-$(AXE_VERSION)

$(VENV)/.chromium: $(VENV)/.installed
	@if [ ! -x "$(CHROMIUM)" ] && [ "$(CHROMIUM)" = /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update && apt-get install -y chromium; \
	fi
	@test -x "$(CHROMIUM)" || { echo "make test needs Chromium at $(CHROMIUM) for the web handout's tests:" \
	  "install it (Debian: sudo apt-get install chromium) or name it with CHROMIUM=/path/to/chrome" >&2; exit 1; }
	touch $@

$(AXE_STAMP): $(VENV)/.installed
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y npm; \
	  else echo "make test needs npm (Node.js) to fetch axe-core: install it (Debian: sudo apt-get install npm)" >&2; exit 1; fi; \
	fi
	npm install --prefix $(VENV)/node --save-exact --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION)
	touch $@

# The EPUB's tests validate it with Debian's EPUBCheck (a Java program), installed once.
EPUBCHECK ?= /usr/share/java/epubcheck.jar
$(VENV)/.epubcheck: $(VENV)/.installed
	@if [ ! -f "$(EPUBCHECK)" ] && [ "$(EPUBCHECK)" = /usr/share/java/epubcheck.jar ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update && apt-get install -y epubcheck; \
	fi
	@test -f "$(EPUBCHECK)" && command -v java >/dev/null || { echo "make test needs EPUBCheck and Java for the EPUB's" \
	  "tests: install them (Debian: sudo apt-get install epubcheck) or name the jar with EPUBCHECK=/path/to/epubcheck.jar" >&2; exit 1; }
	touch $@

# The stamp says Chromium was installed once; the browser named now is looked for every time.
test: $(VENV)/.tested $(VENV)/.chromium $(AXE_STAMP) $(VENV)/.liblouis $(VENV)/.epubcheck
	@test -x "$(CHROMIUM)" || { echo "make test: no browser at CHROMIUM=$(CHROMIUM): name Chromium or Chrome" \
	  "(the default, /usr/bin/chromium, is installed by make test when run as root)" >&2; exit 1; }
	$(BIN)/ruff check legpain_docs tests benchmarks
	$(BIN)/ruff format --check legpain_docs tests benchmarks
	CHROMIUM="$(CHROMIUM)" AXE="$(AXE)" EPUBCHECK="$(EPUBCHECK)" $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.tested $(VENV)/.bench
	$(BIN)/python -m compileall -q legpain_docs
	$(BIN)/python benchmarks/bench.py

$(VENV)/.bench: pyproject.toml $(VENV)/.tested
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# Reference files the tests compare outputs with; review the diff before committing it.
golden: $(VENV)/.tested
	$(BIN)/python -m pytest --update-golden -q -m golden

# An editable install never byte-compiles the package, and with PYTHONDONTWRITEBYTECODE set
# Python would compile every module again in every process (20 ms a build): compiled once here.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m compileall -q legpain_docs
	touch $@

$(VENV)/.tested: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@
