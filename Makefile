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

# Options live in stamp files that change only when the options do, so that `make PAPER=a4`
# rebuilds the handout and a plain `make` after it does nothing more.
remember = $(shell mkdir -p $(OUT); [ "$$(cat $(1) 2>/dev/null)" = "$(2)" ] || printf '%s' "$(2)" > $(1))
$(call remember,$(OUT)/.handout-options,$(PAPER) $(LARGE_PRINT) $(CLINIC))
$(call remember,$(OUT)/.cards-options,$(PAPER) $(FLIP))

.PHONY: all pdf anki cards check readability schema test bench golden clean

all: pdf anki cards

pdf: $(HANDOUT)
anki: $(DECK)
cards: $(CARDS)

$(HANDOUT): $(SOURCE) $(PACKAGE) $(CLINIC) $(OUT)/.handout-options $(VENV)/.installed
	$(BIN)/legpain-docs pdf $(SOURCE) -o $@ --paper $(PAPER) $(if $(LARGE_PRINT),--large-print) $(if $(CLINIC),--clinic $(CLINIC))

$(DECK): $(SOURCE) $(PACKAGE) $(VENV)/.installed
	$(BIN)/legpain-docs anki $(SOURCE) -o $@

$(CARDS): $(SOURCE) $(PACKAGE) $(OUT)/.cards-options $(VENV)/.installed
	$(BIN)/legpain-docs cards $(SOURCE) -o $@ --paper $(PAPER) --flip $(FLIP)

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

test: $(VENV)/.tested
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
