# borgerraadgiver: development tasks.  Everything generated lives in .venv/
# and var/.  The logic is in scripts/; see `make help`.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
MODULE := borgerraadgiver
# sao, Tryton's web client: newest of the 8.0 series (npm view tryton-sao versions)
SAO_VERSION ?= 8.0.11

VENV_STAMP := $(VENV)/.deps-installed
INSTALL_STAMP := var/install.stamp
SAO_STAMP := var/sao/.installed-$(SAO_VERSION)
# Files and folders of the module (folders: to notice removed files).
MODULE_SOURCES := $(shell find $(MODULE) -name __pycache__ -prune \
	-o -type d -print -o -type f ! -name '*.py[co]' -print 2>/dev/null)

.PHONY: help venv install sao demo test lint clean clean-demo distclean

help:
	@echo "make venv        create $(VENV) with the dependencies (test, postgresql)"
	@echo "make install     (re)install the module into $(VENV) when its files changed"
	@echo "make sao         fetch the web client tryton-sao@$(SAO_VERSION) into var/sao"
	@echo "make demo        SQLite demo database with demo data, served on http://localhost:8000"
	@echo "make test        the whole suite (system packages, lint, SQLite, PostgreSQL)"
	@echo "make lint        flake8 + isort --check"
	@echo "make clean       remove test leftovers (keeps $(VENV), var/sao and the demo)"
	@echo "make clean-demo  remove the demo database (var/demo)"
	@echo "make distclean   remove $(VENV) and var/"

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml scripts/make-venv.sh scripts/pyproject-deps.py
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/make-venv.sh
	@touch $@

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): $(VENV_STAMP) pyproject.toml $(MODULE_SOURCES)
	@test -f $(MODULE)/tryton.cfg \
		|| { echo "$(MODULE)/tryton.cfg is missing: nothing to install" >&2; exit 1; }
	@echo ">> installing $(MODULE) into $(VENV)"
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		--no-deps --force-reinstall --no-build-isolation .
	@mkdir -p var
	@touch $@

sao: $(SAO_STAMP) var/sao/locale/da.json

$(SAO_STAMP):
	scripts/fetch-sao.sh $(SAO_VERSION)

# sao ships no Danish: remade from our translation whenever it changes.
var/sao/locale/da.json: sao-locale/da.po scripts/sao-locale.py $(SAO_STAMP)
	$(PYTHON) scripts/sao-locale.py sao-locale/da.po $@

demo: install sao
	scripts/demo.sh

test:
	scripts/run-tests.sh

lint: venv
	scripts/lint.sh

clean:
	rm -rf var/test-logs var/tests var/test-db-cache var/sao-download.* build dist
	rm -f $(INSTALL_STAMP)
	find tests scripts -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true

clean-demo:
	rm -rf var/demo

distclean: clean clean-demo
	rm -rf $(VENV) var
