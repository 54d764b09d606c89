# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make        build every article's outputs into output/
#   make test   run every test
# Both create .venv and install what they need on first use.

PYTHON ?= python3
# Every source/*.yaml is an article, except clinic files (*.clinic.yaml) and the library file.
SOURCE_DIR ?= source
LIBRARY ?= $(SOURCE_DIR)/library.yaml
ARTICLES := $(sort $(filter-out %.clinic.yaml $(LIBRARY),$(wildcard $(SOURCE_DIR)/*.yaml)))
SOURCE ?= $(ARTICLES)
# make splits names at spaces and hands them to the shell in its recipes: a source or clinic
# file whose name holds one of these characters is refused before anything runs.
UNSAFE := ( ) ' " ; & ` * ? [ ] { } < > | ! = , \# $$
UNSAFE_NAMES := $(strip $(foreach s,$(SOURCE) $(CLINIC),$(if $(strip $(foreach c,$(UNSAFE),$(findstring $(c),$(s)))),$(s))))
ifneq ($(UNSAFE_NAMES),)
$(error $(firstword $(UNSAFE_NAMES)): error: make builds only files whose names hold letters, digits, '.', '-', '_' and '/': rename it (legpain-docs itself takes any name))
endif
PAPER ?= letter
FLIP ?= long
LARGE_PRINT ?=
CLINIC ?=
PYTEST_ARGS ?=
MAX_GRADE ?= 8

# The kinds of output (handout, deck, cards, web page) are built by independent processes: on a
# machine with several cores they run side by side, one job per core up to four, each kind's
# messages printed together. JOBS=1 builds one kind at a time; a -j on the command line wins.
# Only the plain build goals run in parallel: not the tests' first-use installs, and not the
# variants, each a make of its own over the same output folder. They also keep going after a
# failure, as a compiler does: one broken article does not stop the others' outputs.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -gt 4 ] && n=4; echo $$n)
BUILD_GOALS := all pdf anki cards html
ifeq ($(MAKELEVEL)$(filter-out $(BUILD_GOALS),$(or $(MAKECMDGOALS),all)),0)
MAKEFLAGS += --jobs=$(JOBS) --output-sync=target --keep-going
endif
ifneq ($(filter variants handout-% cards-%,$(MAKECMDGOALS)),)
.NOTPARALLEL:  # even with -j: the variants' makes would share the check's files in output/
endif

VENV := .venv
BIN := $(VENV)/bin
OUT := output
PACKAGE := $(shell find legpain_docs -name '*.py' -o -name '*.css') pyproject.toml
# The pictures a figure may name, in and below each source's folder: a changed picture rebuilds
# the articles of its folder. (Names make cannot take, with spaces or other signs, are left out:
# touch the source after changing such a picture.)
PICTURES := $(shell find $(sort $(dir $(SOURCE))) -mindepth 1 -name '.*' -prune -o -type f \( -iname '*.png' -o -iname '*.jpg' \
	-o -iname '*.jpeg' -o -iname '*.svg' \) -print 2>/dev/null | grep -E '^[A-Za-z0-9._/+-]+$$' | sort)
pictures = $(filter $(dir $(1))%,$(PICTURES))

# Output names follow legpain_docs/names.py (tests/test_make.py checks that they agree):
# the article's id (its top-level `id:` line, else the file's name), the kind of output,
# then the variant: -a4, -large, -<clinic> for handouts; -a4, -short for cards.
# (`id: x`, `id : 'x'`, `id: x  \# a comment`.) Read for the whole source folder too, to guard ids.
IDS := $(shell awk 'FNR == 1 { sub(/^\357\273\277/, "") } \
	/^["\047]?id["\047]?[ \t]*:/ && !seen[FILENAME]++ { v = $$0; sub(/^["\047]?id["\047]?[ \t]*:[ \t]*/, "", v); \
	sub(/[ \t]+\#.*$$/, "", v); gsub(/["\047]/, "", v); sub(/[ \t\r]+$$/, "", v); print FILENAME "=" v }' \
	$(sort $(SOURCE) $(ARTICLES)) </dev/null 2>/dev/null)
id = $(or $(patsubst $(1)=%,%,$(filter $(1)=%,$(IDS))),$(basename $(notdir $(1))))
# LARGE_PRINT=1 (or yes) means large print; 0, no and false mean regular print.
LARGE := $(filter-out 0 no false,$(LARGE_PRINT))

# No article at all is a mistake (a misspelt SOURCE_DIR, an empty SOURCE=) for every goal that
# builds or checks articles.
ifeq ($(strip $(SOURCE)),)
ifneq ($(filter all pdf anki cards html check readability variants handout-% cards-%,$(or $(MAKECMDGOALS),all)),)
$(error no article to build: $(if $(filter command line,$(origin SOURCE)),SOURCE= names none,$(SOURCE_DIR)/ holds no article (*.yaml, other than *.clinic.yaml and $(notdir $(LIBRARY)))))
endif
endif

# Two articles with one id would write the same files: stop before building either. The
# selected sources are compared with every article of the source folder too, so that a
# SOURCE= of a copy cannot overwrite another article's files.
ID_OWNERS := $(sort $(foreach s,$(SOURCE) $(ARTICLES),$(abspath $(s))=$(call id,$(s))))
DUPLICATE_IDS := $(shell printf '%s\n' $(ID_OWNERS) | sed 's/^.*=//' | sort | uniq -d)
ifneq ($(DUPLICATE_IDS),)
ifeq ($(filter check clean test schema,$(MAKECMDGOALS)),)
$(error two articles have the id '$(firstword $(DUPLICATE_IDS))' ($(patsubst $(CURDIR)/%,%,$(patsubst %=$(firstword $(DUPLICATE_IDS)),%,$(filter %=$(firstword $(DUPLICATE_IDS)),$(ID_OWNERS))))), so they would write the same files: give the newer one an id of its own)
endif
endif
CLINIC_STEM = $(patsubst %.clinic,%,$(basename $(notdir $(CLINIC))))
HANDOUT_VARIANT := $(if $(filter-out letter,$(PAPER)),-$(PAPER))$(if $(LARGE),-large)$(if $(CLINIC),-$(CLINIC_STEM))
CARDS_VARIANT := $(if $(filter-out letter,$(PAPER)),-$(PAPER))$(if $(filter-out long,$(FLIP)),-$(FLIP))
handout = $(OUT)/$(call id,$(1))-handout$(HANDOUT_VARIANT).pdf
deck = $(OUT)/$(call id,$(1)).apkg
cards = $(OUT)/$(call id,$(1))-cards$(CARDS_VARIANT).pdf
HTML_VARIANT := $(if $(CLINIC),-$(CLINIC_STEM))
html = $(OUT)/$(call id,$(1))$(HTML_VARIANT).html

.PHONY: all pdf anki cards html check pemat fhir readability schema test bench golden clean FORCE variants \
	handout-a4 handout-large handout-a4-large cards-a4 cards-short cards-a4-short

# The decks last: with a broken article they fail at once (all or nothing), and a make that does
# not keep going (JOBS=1 with -S, or run from another make) starts nothing after a failure.
all: pdf cards html anki

# One process per kind of output builds every article that needs it, so a library pays for
# Python and the imports once. Each article's output is a target of its own, out of date when
# its source (or the code, or the clinic file) is newer: its rule only notes the source in a
# to-do list, and the kind's own target then renders the whole list in one command (nothing
# when the list is empty). Those kind targets are phony, because make does not count an output
# that a rule left untouched as new; so `make -q` always answers "not up to date" for them.
# A missing source is never a prerequisite (make would answer "No rule to make target");
# its output is always out of date instead, and the command reports the missing file.
#
# Before any kind runs, the changed sources (with the clinic and library files) are checked
# once, in one `legpain-docs check`, so that a mistake is reported once, not by every kind of
# output running side by side. A stamp per article notes that its source passed (removed while
# the source waits for the check: make takes a missing file as remade, an untouched one not).
# A source that failed is listed in $(OUT)/.failed: the kinds leave it out (its earlier outputs
# stay as they were), build the others, and then fail.
prerequisite = $(if $(wildcard $(1)),$(1),FORCE)
checked = $(OUT)/.checked-$(call id,$(1))$(if $(CLINIC),-$(CLINIC_STEM))
CHECKED := $(OUT)/.checked
define article_rules
$(call checked,$(1)): $(call prerequisite,$(1)) $(call pictures,$(1)) $(PACKAGE) $(if $(CLINIC),$(call prerequisite,$(CLINIC))) $(wildcard $(LIBRARY)) $(VENV)/.installed | $(OUT)
	@rm -f $$@; echo '$(1)' >> $(OUT)/.todo-check
$(call handout,$(1)): $(call prerequisite,$(1)) $(call pictures,$(1)) $(PACKAGE) $(if $(CLINIC),$(call prerequisite,$(CLINIC))) $(VENV)/.installed | $(OUT) $(CHECKED)
	@echo '$(1)' >> $(OUT)/.todo-handout$(HANDOUT_VARIANT)
$(call cards,$(1)): $(call prerequisite,$(1)) $(call pictures,$(1)) $(PACKAGE) $(VENV)/.installed | $(OUT) $(CHECKED)
	@echo '$(1)' >> $(OUT)/.todo-cards$(CARDS_VARIANT)
$(call html,$(1)): $(call prerequisite,$(1)) $(call pictures,$(1)) $(PACKAGE) $(if $(CLINIC),$(call prerequisite,$(CLINIC))) $(VENV)/.installed | $(OUT) $(CHECKED)
	@echo '$(1)' >> $(OUT)/.todo-html$(HTML_VARIANT)
endef
ifeq ($(DUPLICATE_IDS),)  # else only check and clean get here, and the rules would clash
$(foreach source,$(SOURCE),$(eval $(call article_rules,$(source))))
endif

# The sources named in the check's error lines (`path:line:col: error: ...`) failed. An error
# in the clinic or library file (which every article uses), or a crash, stops the build here.
# The kinds' to-do lists start here, empty, whatever an earlier make that stopped left in them.
# The library file is checked when the decks may be built.
CHECK_LIBRARY := $(if $(and $(wildcard $(LIBRARY)),$(filter all anki,$(or $(MAKECMDGOALS),all))),--library $(LIBRARY))
$(CHECKED): $(foreach source,$(SOURCE),$(call checked,$(source))) | $(OUT)
	@rm -f $(OUT)/.failed $(OUT)/.todo-handout$(HANDOUT_VARIANT) $(OUT)/.todo-cards$(CARDS_VARIANT) $(OUT)/.todo-html$(HTML_VARIANT); \
	list=$$(sort -u $(OUT)/.todo-check 2>/dev/null | tr "\n" " "); rm -f $(OUT)/.todo-check; \
	[ -n "$$list" ] || exit 0; \
	if ! $(BIN)/legpain-docs check $$list $(if $(CLINIC),--clinic $(CLINIC)) $(CHECK_LIBRARY) >/dev/null 2>$(OUT)/.check-errors; then \
	  cat $(OUT)/.check-errors >&2; \
	  failed=$$(grep -v '^legpain-docs: ' $(OUT)/.check-errors | sed -n 's/^\([^:]*\):.* error: .*/\1/p' | sort -u); \
	  rm -f $(OUT)/.check-errors; \
	  [ -n "$$failed" ] || exit 2; \
	  for path in $$failed; do printf '%s\n' $$list | grep -qxF "$$path" || exit 2; done; \
	  printf '%s\n' $$failed > $(OUT)/.failed; \
	fi; rm -f $(OUT)/.check-errors; \
	for pair in $(foreach source,$(SOURCE),$(source)=$(call checked,$(source))); do \
	  case " $$list " in *" $${pair%%=*} "*) grep -qxF "$${pair%%=*}" $(OUT)/.failed 2>/dev/null || touch "$${pair#*=}";; esac; \
	done; touch $@

# Run the kind's command on the to-do list, less the sources that failed the check; the list
# is removed first, so a failed source is noted again next time (its output is still older
# than its source) and nothing else is. The kind fails when it left a source out.
todo = list=$$(sort -u $(OUT)/.todo-$(1) 2>/dev/null | grep -xF $(foreach s,$(SOURCE),-e '$(s)')); rm -f $(OUT)/.todo-$(1); failed=; \
	if [ -s $(OUT)/.failed ]; then \
	  failed=$$(printf '%s\n' $$list | grep -xF -f $(OUT)/.failed); \
	  list=$$(printf '%s\n' $$list | grep -vxF -f $(OUT)/.failed); \
	fi; \
	if [ -n "$$list" ]; then $(BIN)/legpain-docs $(2) $$list --out-dir $(OUT) $(3); fi && [ -z "$$failed" ]

pdf: $(foreach source,$(SOURCE),$(call handout,$(source)))
	@$(call todo,handout$(HANDOUT_VARIANT),pdf,--paper $(PAPER) $(if $(LARGE),--large-print) $(if $(CLINIC),--clinic $(CLINIC)))

# Decks are built together, in one process: the library deck (every article a subdeck of one
# parent deck named in $(LIBRARY)) needs every article, and a deck is quick to build. The
# library deck comes with the whole library, not with a SOURCE= of your choice.
# The decks depend on their records too: restoring one (git checkout) rebuilds, and so does
# deleting one (a missing file with a rule of its own counts as changed; the build then says it
# starts a new record). The build may rewrite records after the decks, so the decks are touched last.
DECKS := $(foreach source,$(SOURCE),$(call deck,$(source)))
LIBRARY_DECK := $(if $(filter file,$(origin SOURCE)),$(OUT)/library.apkg)
# The library deck is out of date when an article is added or removed too: the list of the
# library's articles is kept in output/.articles, rewritten (as make reads this file) when it changes.
RECORDS := $(addsuffix .deck-record,$(basename $(SOURCE))) $(if $(and $(LIBRARY_DECK),$(wildcard $(LIBRARY))),$(basename $(LIBRARY)).deck-record)
ARTICLE_LIST := $(if $(LIBRARY_DECK),$(OUT)/.articles)
ifneq ($(ARTICLE_LIST),)
$(shell [ ! -f $(ARTICLE_LIST) ] || [ "$$(cat $(ARTICLE_LIST))" = "$(SOURCE)" ] || echo "$(SOURCE)" > $(ARTICLE_LIST))
$(ARTICLE_LIST): | $(OUT)
	@echo "$(SOURCE)" > $@
endif
$(RECORDS):
anki: $(DECKS) $(LIBRARY_DECK)
ifeq ($(DUPLICATE_IDS),)
$(DECKS) $(LIBRARY_DECK) &: $(foreach source,$(SOURCE),$(call prerequisite,$(source))) $(RECORDS) $(wildcard $(LIBRARY)) $(ARTICLE_LIST) $(foreach source,$(SOURCE),$(call pictures,$(source))) $(PACKAGE) $(VENV)/.installed | $(OUT) $(CHECKED)
	@if printf '%s\n' $(SOURCE) | grep -qxF -f $(OUT)/.failed 2>/dev/null; then \
	  echo "no deck was built: the decks wait until every article is free of errors (the library deck holds them all)" >&2; exit 2; fi
	@$(BIN)/legpain-docs anki $(SOURCE) --out-dir $(OUT) $(if $(LIBRARY_DECK),--library-deck $(LIBRARY_DECK) --library $(LIBRARY))
	@touch $(DECKS) $(LIBRARY_DECK)
endif

cards: $(foreach source,$(SOURCE),$(call cards,$(source)))
	@$(call todo,cards$(CARDS_VARIANT),cards,--paper $(PAPER) --flip $(FLIP))

html: $(foreach source,$(SOURCE),$(call html,$(source)))
	@$(call todo,html$(HTML_VARIANT),html,$(if $(CLINIC),--clinic $(CLINIC)))

# Each print variant has its own names, so they sit beside the default set in output/.
handout-a4: ; @$(MAKE) --no-print-directory pdf PAPER=a4
handout-large: ; @$(MAKE) --no-print-directory pdf LARGE_PRINT=1
handout-a4-large: ; @$(MAKE) --no-print-directory pdf PAPER=a4 LARGE_PRINT=1
cards-a4: ; @$(MAKE) --no-print-directory cards PAPER=a4
cards-short: ; @$(MAKE) --no-print-directory cards FLIP=short
cards-a4-short: ; @$(MAKE) --no-print-directory cards PAPER=a4 FLIP=short
variants: all handout-a4 handout-large handout-a4-large cards-a4 cards-short cards-a4-short

$(OUT):
	mkdir -p $@

FORCE:

check: $(VENV)/.installed
	$(BIN)/legpain-docs check $(SOURCE) $(foreach clinic,$(or $(CLINIC),$(wildcard $(SOURCE_DIR)/*.clinic.yaml)),--clinic $(clinic)) $(if $(wildcard $(LIBRARY)),--library $(LIBRARY)) --summary
	@$(BIN)/legpain-docs readability $(SOURCE) --summary || test $$? -eq 3  # reported, never failing

# The PEMAT-P self-audit of each article (reported, never failing), and each article's FHIR
# bundle for an EHR: a DocumentReference carrying its handout (PAPER, CLINIC) and web page.
pemat: $(VENV)/.installed
	$(BIN)/legpain-docs pemat $(SOURCE)

fhir: $(VENV)/.installed | $(OUT)
	$(BIN)/legpain-docs fhir $(SOURCE) --out-dir $(OUT) --paper $(PAPER) $(if $(CLINIC),--clinic $(CLINIC)) $(if $(wildcard $(LIBRARY)),--library $(LIBRARY))

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
