# OpenYJ — the two commands a new user needs are `make demo` and `make test`.
# Everything is installed into .venv inside this checkout.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Any Python 3.12 or newer: try the specific names first (pyenv shims that do not resolve fail the check).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; \
	then echo $$p; break; fi; done)
PYTEST_ARGS ?=

.PHONY: install demo test test-fast lint typecheck browser-deps assets clean help

help:
	@echo "make demo   – install, load the demo service and serve it on http://127.0.0.1:8000"
	@echo "make test   – run the whole test suite (lint, layer contracts, migrations check, types, unit and browser tests)"
	@echo "make install – create .venv with everything installed"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "OpenYJ needs Python 3.12 or newer. Install it (for example with pyenv) and run make again." >&2; exit 1; fi
	@echo "Using $$($(PYTHON) --version) from $$(command -v $(PYTHON))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

demo: install
	$(BIN)/openyj demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

# Types: mypy with django-stubs over the modules listed in pyproject.toml ([tool.mypy] files).
typecheck: install
	$(BIN)/mypy

# Browser tests drive Debian's Chromium; never a downloaded browser.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "The browser tests need Debian's Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

test: install browser-deps lint typecheck
	$(BIN)/pytest -n 2 -q $(PYTEST_ARGS)

# Quicker loop while developing: no browser tests.
test-fast: install lint typecheck
	$(BIN)/pytest -n 2 -q -m "not browser" $(PYTEST_ARGS)

# Rebuild the committed GOV.UK/MOJ assets (needs Node; running OpenYJ does not).
assets:
	npm ci && npm run build

clean:
	rm -rf $(VENV) var staticfiles
