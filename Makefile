# sommet: set-up, demo, tests, benchmark and evaluation. `make help` lists the targets.

PYTHON3 ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
SOMMET  := $(VENV)/bin/sommet
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
CORPUS  ?= $(SHARED)/corpus/fr_news.jsonl
BUILD   ?= build
PYTEST_ARGS ?=
BENCH_ARGS  ?=
# Debian packages the tests use: a throwaway PostgreSQL server and headless Chromium.
SYSTEM_PACKAGES ?= postgresql chromium
# Under CI a failed system install fails the build; elsewhere those tests skip with a reason.
CI ?=

.PHONY: help install system-deps demo test bench dev-eval test-eval seed-eval screenshot docs clean distclean

help:
	@echo "make demo        install, store the bundled sample articles in demo.db, print their events"
	@echo "make test        install (Python and, as root, Debian packages) and run the tests"
	@echo "                 (PYTEST_ARGS='-m \"not model and not browser\"' for a quick run)"
	@echo "make install     create $(VENV) and install sommet with its test extras"
	@echo "make system-deps apt-get install $(SYSTEM_PACKAGES) (root only; skipped otherwise)"
	@echo "make bench       time sommet against bare spaCy on $(CORPUS) (BENCH_ARGS='--limit 100')"
	@echo "make dev-eval    score on the hand-annotated development set (eval/dev)"
	@echo "make test-eval   score on the held-out test set (eval/test): measure, never tune"
	@echo "make seed-eval   score on $(SHARED)/eval/seeds_* with the shared scorer"
	@echo "make screenshot  rebuild docs/screenshot.png from the seed articles"
	@echo "make docs        regenerate docs/CLI.md from --help"
	@echo "make clean       remove generated files (keeps $(VENV)); distclean removes it too"

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

system-deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "system-deps: $(SYSTEM_PACKAGES) already installed"; exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "system-deps: not root or no apt-get; not installing$$missing" \
	       "(the PostgreSQL and browser tests will skip, saying why)"; \
	  if [ -n "$(CI)" ]; then echo "system-deps: CI needs them" >&2; exit 1; fi; exit 0; \
	fi; \
	echo "system-deps: installing$$missing"; \
	if DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; then \
	  echo "system-deps: done"; \
	else \
	  echo "system-deps: apt-get failed; the tests that need$$missing will skip" >&2; \
	  if [ -n "$(CI)" ]; then exit 1; fi; \
	fi

demo: install
	$(SOMMET) ingest src/sommet/samples --db demo.db
	$(SOMMET) events --db demo.db --format table
	@echo
	@echo "Open the dashboard over these events:  $(SOMMET) serve --db demo.db   (then http://127.0.0.1:8000/)"

# pytest exits 5 when it collected no test: that fails too, with a message.
test: system-deps install
	@$(PY) -m pytest -q $(PYTEST_ARGS) || { rc=$$?; [ $$rc -ne 5 ] || echo "make test: pytest collected no tests" >&2; exit $$rc; }

bench: install
	$(PY) bench/bench_extract.py $(CORPUS) $(BENCH_ARGS)

dev-eval: install
	$(PY) eval/build_docs.py eval/dev $(CORPUS)
	$(SOMMET) eval eval/dev/gold.jsonl --docs eval/dev/docs.jsonl

# The held-out test set: measure with it, never tune against it (eval/test/README.md).
test-eval: install
	$(PY) eval/build_docs.py eval/test $(CORPUS)
	$(SOMMET) eval eval/test/gold.jsonl --docs eval/test/docs.jsonl

# `sommet extract` exits 1 when some documents had problems (they are reported); only 2 is fatal.
seed-eval: install
	@mkdir -p $(BUILD)
	$(SOMMET) extract $(SHARED)/eval/seeds_docs.jsonl --no-progress -o $(BUILD)/seeds_pred.jsonl || [ $$? -eq 1 ]
	$(PY) $(SHARED)/eval/score.py $(SHARED)/eval/seeds_gold.jsonl $(BUILD)/seeds_pred.jsonl

screenshot: system-deps install
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(SOMMET) ingest $(SHARED)/seeds --db "$$tmp/seeds.db" && \
	$(PY) scripts/screenshot.py --db "$$tmp/seeds.db" --out docs/screenshot.png

docs: install
	$(PY) scripts/cli_reference.py

clean:
	rm -rf $(BUILD) bench/results demo.db .pytest_cache .hypothesis eval/dev/pred.jsonl eval/dev/docs.jsonl
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) src/*.egg-info
