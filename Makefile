# Two commands for a newcomer (see README.md):
#   make run    install the studio's Debian packages when it can, set up a virtual environment and start the
#               studio on http://localhost:8501 (no key needed)
#   make test   set up everything the tests need (Debian packages included) and run the whole suite
# Both are idempotent: a second run only does what changed.

VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip -q --disable-pip-version-check
PORT   ?= 8501
# Debian packages. The studio's own are the ones in packages.txt, which Streamlit Community Cloud installs
# too: espeak-ng gives the offline ad its voice; libgl1 is for the OpenCV build the OCR package pulls in
# where pip installs it last (`make` puts the headless one back, so here it only matters on the Cloud). The tests add chromium (browser tests), postgresql (store
# tests against a real server) and ffmpeg (its ffprobe checks rendered videos).
STUDIO_DEBS         := $(shell cat packages.txt)
STUDIO_DEBS_WITHOUT := without espeak-ng the offline ad will have captions and music but no voice
TEST_DEBS           := chromium postgresql ffmpeg
TEST_DEBS_WITHOUT   := the tests that need them will be skipped

# $(call install_debs,PACKAGES,WHAT IS MISSED WITHOUT THEM): install the missing ones as root or through
# passwordless sudo; otherwise say plainly what was skipped and carry on.
define install_debs
@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -z "$$missing" ]; then :; \
elif [ "$$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then \
  echo "Skipped installing$$missing (needs root or sudo): $(2). Install it with: sudo apt-get install$$missing"; \
else \
  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo -n"; \
  echo "Installing Debian packages:$$missing"; \
  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } \
    || echo "Could not install$$missing (apt-get failed): $(2)."; \
fi
endef

.PHONY: run test setup setup-test system-deps studio-deps test-deps lint bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.studio: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	@# rapidocr-onnxruntime pulls in opencv-python, whose cv2 needs libGL: put the headless cv2 back on top.
	$(PIP) install --no-deps --force-reinstall "opencv-python-headless==$$($(PY) -c \
	  'import importlib.metadata as m; print(m.version("opencv-python-headless"))')"
	@# The project itself, editable: `studio ...` on the PATH of the venv, `python -m studio` from any folder.
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.tests: requirements.txt requirements-test.txt requirements-ml.txt $(VENV)/.studio
	$(PIP) install -r requirements-test.txt -r requirements-ml.txt
	@touch $@

setup: $(VENV)/.studio

setup-test: system-deps $(VENV)/.tests

studio-deps:
	$(call install_debs,$(STUDIO_DEBS),$(STUDIO_DEBS_WITHOUT))

test-deps:
	$(call install_debs,$(TEST_DEBS),$(TEST_DEBS_WITHOUT))

system-deps: studio-deps test-deps

run: studio-deps setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: setup-test
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -p no:cacheprovider

lint: $(VENV)/.tests
	$(VENV)/bin/ruff check .

bench: $(VENV)/.tests
	$(PY) bench/render.py && $(PY) bench/score.py && $(PY) bench/load.py && $(PY) bench/ad.py

clean:
	rm -rf $(VENV) data output
