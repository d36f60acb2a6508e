# borgerraadgiver (Odoo 18.0 addon): development tasks.  Everything generated
# lives in .venv/ and var/.  The logic is in scripts/; see `make help`.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
# Odoo's wheel and adjusted requirements, when this machine has them; without
# them make-venv.sh installs Odoo's 18.0 source tarball from nightly.odoo.com.
ODOO_SHARED ?= ../shared/odoo
# The demo: database name, HTTP port, port of the cluster in var/pg.
DEMO_DB ?= borgerraadgiver
DEMO_PORT ?= 8069
DEMO_PG_PORT ?= 5433
export PYTHON ODOO_SHARED DEMO_DB DEMO_PORT DEMO_PG_PORT

VENV_STAMP := $(VENV)/.deps-installed
PRE_COMMIT := $(VENV)/bin/pre-commit

.PHONY: help venv system-deps demo serve test lint format pg-start \
	pg-stop clean clean-demo distclean

help:
	@echo "make demo        everything: system packages (as root), $(VENV), PostgreSQL in var/pg,"
	@echo "                 database $(DEMO_DB) with demo data in Danish; serves http://localhost:$(DEMO_PORT)"
	@echo "make serve       serve the demo database again (no install/update)"
	@echo "make test        system-deps, venv, lint, then the tests: a throwaway PostgreSQL"
	@echo "                 (pg_virtualenv), the addons installed once (log checked), pytest;"
	@echo "                 PYTEST_ARGS='-k TestTours' for some tests; CI=1: a skip fails"
	@echo "make lint        pre-commit run --all-files (OCA's hooks: .pre-commit-config.yaml)"
	@echo "make format      let the hooks fix what they can (ruff, prettier, whitespace)"
	@echo "make venv        $(VENV) with Odoo 18.0, requirements-dev.txt"
	@echo "make system-deps install the Debian packages (as root; else prints the command)"
	@echo "make pg-start    start the demo's PostgreSQL (var/pg); make pg-stop stops it"
	@echo "make clean       remove test logs and caches (keeps $(VENV) and the demo)"
	@echo "make clean-demo  remove the demo: cluster var/pg, var/odoo-data, passwords, config"
	@echo "make distclean   remove $(VENV) and var/"
	@echo "Settings: DEMO_DB=$(DEMO_DB) DEMO_PORT=$(DEMO_PORT) DEMO_PG_PORT=$(DEMO_PG_PORT)"
	@echo "  PGHOST, PGPORT, PGUSER, PGPASSWORD: use that PostgreSQL instead of var/pg"
	@echo "  (make demo) or of a throwaway cluster (make test)"

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt requirements-dev.txt scripts/make-venv.sh \
		$(wildcard $(ODOO_SHARED)/requirements.txt $(ODOO_SHARED)/odoo-18.0*.whl)
	VENV=$(VENV) scripts/make-venv.sh
	@touch $@

# Exit status 3: packages missing but not root: the command was printed.
system-deps:
	@scripts/system-deps.sh || [ $$? -eq 3 ]

demo: system-deps venv
	scripts/demo.sh

serve: venv
	scripts/demo.sh serve

# Lint first, then the tests; the last line is pytest's summary.
test: system-deps venv lint
	@scripts/test.sh $(PYTEST_ARGS)

lint: venv
	$(PRE_COMMIT) run --all-files --show-diff-on-failure

format: venv
	-@$(PRE_COMMIT) run --all-files >/dev/null
	$(PRE_COMMIT) run --all-files

pg-start:
	scripts/pg-local.sh start

pg-stop:
	scripts/pg-local.sh stop

clean:
	rm -rf var/test-logs .ruff_cache .pytest_cache build dist
	find . -path ./.venv -prune -o -name __pycache__ -type d \
		-prune -exec rm -rf {} + 2>/dev/null || true

clean-demo:
	-[ ! -d var/pg ] || scripts/pg-local.sh stop
	rm -rf var/pg var/odoo-data var/odoo.conf var/odoo.log var/demo-admin-password

distclean: clean clean-demo
	rm -rf $(VENV) var
