# Two commands do all set-up on a fresh Debian machine with Python 3.11:
#   make        create .venv, install the project, build the guide into output/
#   make test   the same set-up plus the Debian packages the tests drive (Chromium, nginx, qpdf,
#               poppler-utils, Java for the Nu HTML Checker), then lint and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Programs the tests run for real: a browser, a web server, two independent PDF readers.
SYSTEM_PACKAGES := chromium nginx qpdf poppler-utils default-jre-headless
SYSTEM_STAMP := $(VENV)/.system-packages
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: all build test messages clean

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Bytecode written ahead (only what changed): with PYTHONDONTWRITEBYTECODE set, as on some
# machines, every build would otherwise compile the package again (0.1-0.2 s at each start).
build: $(STAMP)
	$(BIN)/python -m compileall -q guide_builder
	$(BIN)/python build.py

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
$(SYSTEM_STAMP): $(STAMP) Makefile
	dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); }
	touch $(SYSTEM_STAMP)

test: $(STAMP) $(SYSTEM_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Extract interface strings from code and templates, then update every catalog.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o locale/messages.pot .
	$(BIN)/pybabel update -i locale/messages.pot -d locale --width 100 --ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf output $(VENV)
