# Two commands for a newcomer (see README.md):
#   make run    set up a virtual environment and start the studio on http://localhost:8501 (no key needed)
#   make test   set up everything the tests need (Debian packages included) and run the whole suite
# Both are idempotent: a second run only does what changed.

VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip -q --disable-pip-version-check
PORT   ?= 8501
# Debian packages: chromium (browser test), espeak-ng (offline voice), postgresql (store tests).
DEBS   := chromium espeak-ng postgresql

.PHONY: run test setup setup-test system-deps lint bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.studio: requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.tests: requirements.txt requirements-test.txt requirements-ml.txt $(VENV)/.studio
	$(PIP) install -r requirements-test.txt -r requirements-ml.txt
	@touch $@

setup: $(VENV)/.studio

setup-test: system-deps $(VENV)/.tests

system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: setup-test
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -p no:cacheprovider

lint: $(VENV)/.tests
	$(VENV)/bin/ruff check .

bench: $(VENV)/.tests
	$(PY) bench/render.py && $(PY) bench/score.py && $(PY) bench/load.py

clean:
	rm -rf $(VENV) data output
