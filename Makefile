# Netværksstedet. `make run` serves the demo; `make test` runs every test. Both install first.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := $(VENV)/bin/python
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never
export UV_DEFAULT_INDEX := https://pypi.org/simple

.PHONY: install run test lint typecheck check messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock $(UV)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

run: install runtime-deps
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	@echo "Netværksstedet: http://127.0.0.1:$(PORT)/"
	@# The background worker (e-mail, reports) runs beside the web server and stops with it.
	DEBUG=$${DEBUG:-true} $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian packages: Pango for PDF documents (weasyprint) whenever the site runs, and for the
# tests also Chromium (browser suite), gettext (catalogue check) and xmlsec1 (SAML signatures).
# Installed with apt when missing and we may.
RUNTIME_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0
define apt_missing
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install:$$missing (Debian packages)"; exit 1; fi; \
	fi
endef

runtime-deps:
	@missing=""; \
	for package in $(RUNTIME_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	$(apt_missing)

system-deps: runtime-deps
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	command -v xmlsec1 >/dev/null || missing="$$missing xmlsec1"; \
	$(apt_missing)

# One pytest worker per core; each test file stays on one worker (PYTEST_WORKERS=0: none).
PYTEST_WORKERS ?= auto
test: install system-deps
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

typecheck: install
	$(VENV)/bin/mypy

check: lint typecheck test

messages: install
	cd src/netvaerk && ../../$(PY) ../../manage.py makemessages -l da -l en --no-obsolete --no-location
	$(PY) scripts/compile_messages.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules var/static
