# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make        build every output into output/
#   make test   run every test
# Both create .venv and install what they need on first use.

PYTHON ?= python3
SOURCE ?= source/leg-foot-pain.yaml
PAPER ?= letter
FLIP ?= long
LARGE_PRINT ?=
CLINIC ?=
PYTEST_ARGS ?=
MAX_GRADE ?= 8

VENV := .venv
BIN := $(VENV)/bin
OUT := output
PACKAGE := $(shell find legpain_docs -name '*.py' -o -name '*.css') pyproject.toml
# The article's id names its output files; it is the source's top-level `id:` line.
ID := $(shell sed -n 's/^id:[[:space:]]*["'\'']\{0,1\}\([a-z0-9-]*\).*/\1/p' $(SOURCE) 2>/dev/null | head -n 1)
ID := $(if $(ID),$(ID),$(basename $(notdir $(SOURCE))))
HANDOUT := $(OUT)/$(ID)-handout.pdf
DECK := $(OUT)/$(ID).apkg
CARDS := $(OUT)/$(ID)-cards.pdf
HTML := $(OUT)/$(ID).html

# Options live in stamp files that change only when the options do, so that `make PAPER=a4`
# rebuilds the handout and a plain `make` after it does nothing more.
remember = $(shell mkdir -p $(OUT); [ "$$(cat $(1) 2>/dev/null)" = "$(2)" ] || printf '%s' "$(2)" > $(1))
$(call remember,$(OUT)/.handout-options,$(PAPER) $(LARGE_PRINT) $(CLINIC))
$(call remember,$(OUT)/.cards-options,$(PAPER) $(FLIP))
$(call remember,$(OUT)/.html-options,clinic=$(CLINIC))

.PHONY: all pdf anki cards html check readability schema test bench golden clean

all: pdf anki cards html

pdf: $(HANDOUT)
anki: $(DECK)
cards: $(CARDS)
html: $(HTML)

$(HANDOUT): $(SOURCE) $(PACKAGE) $(CLINIC) $(OUT)/.handout-options $(VENV)/.installed
	$(BIN)/legpain-docs pdf $(SOURCE) -o $@ --paper $(PAPER) $(if $(LARGE_PRINT),--large-print) $(if $(CLINIC),--clinic $(CLINIC))

# The deck depends on its record too: restoring it (git checkout) rebuilds, and so does deleting
# it (a missing file with a rule of its own counts as changed; the build then says it starts a
# new record). The build may rewrite the record after the deck, so the deck is touched last.
RECORD := $(basename $(SOURCE)).deck-record
$(RECORD):

$(DECK): $(SOURCE) $(RECORD) $(PACKAGE) $(VENV)/.installed
	$(BIN)/legpain-docs anki $(SOURCE) -o $@
	@touch $@

$(CARDS): $(SOURCE) $(PACKAGE) $(OUT)/.cards-options $(VENV)/.installed
	$(BIN)/legpain-docs cards $(SOURCE) -o $@ --paper $(PAPER) --flip $(FLIP)

$(HTML): $(SOURCE) $(PACKAGE) $(CLINIC) $(OUT)/.html-options $(VENV)/.installed
	$(BIN)/legpain-docs html $(SOURCE) -o $@ $(if $(CLINIC),--clinic $(CLINIC))

check: $(VENV)/.installed
	$(BIN)/legpain-docs check $(SOURCE) $(if $(CLINIC),--clinic $(CLINIC))
	@$(BIN)/legpain-docs readability $(SOURCE) --summary || test $$? -eq 3  # reported, never failing

# The reading-level report; fails (status 3) above MAX_GRADE.
readability: $(VENV)/.installed
	$(BIN)/legpain-docs readability $(SOURCE) --max-grade $(MAX_GRADE)

# The committed JSON Schemas that editors use; a test fails when they fall behind the code.
schema: $(VENV)/.installed
	$(BIN)/legpain-docs schema article > source/article.schema.json
	$(BIN)/legpain-docs schema clinic > source/clinic.schema.json

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

test: $(VENV)/.tested $(VENV)/.chromium $(AXE_STAMP)
	CHROMIUM="$(CHROMIUM)" AXE="$(AXE)" $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.tested
	$(BIN)/python benchmarks/bench.py

# Reference files the tests compare outputs with; review the diff before committing it.
golden: $(VENV)/.tested
	$(BIN)/python -m pytest --update-golden -q -m golden

clean:
	find $(OUT) -mindepth 1 ! -name .keep -delete

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.tested: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

