# Every target works on a fresh clone: the virtual environment is created, and the project
# installed with its dev extras, the first time a target needs it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build test lint bench browser screenshot clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

## build: build the seed timeline into site/
build: $(INSTALLED)
	$(BIN)/timeline build

## test: run the test suite
test: $(INSTALLED) browser
	$(BIN)/python -m pytest

## lint: ruff
lint: $(INSTALLED)
	$(BIN)/ruff check timeline tests bench

## bench: print speed and memory figures
bench: $(INSTALLED)
	$(BIN)/python -m bench

## browser: install Debian's chromium for the browser tests when it is missing and this
## machine allows it (root and apt-get); anywhere else, say so and carry on (they skip).
browser:
	@if command -v chromium >/dev/null 2>&1; then \
	  true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests (apt-get)..."; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >/dev/null 2>&1 \
	    || echo "note: chromium could not be installed; the browser tests will be skipped"; \
	else \
	  echo "note: no chromium, and no root with apt-get to install it; the browser tests will be skipped"; \
	fi

## screenshot: docs/screenshot.png of the built seed site (make build first)
screenshot: $(INSTALLED) browser
	$(BIN)/python -m timeline.render.screenshot site/index.html docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
