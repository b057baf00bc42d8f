# Every target works on a fresh clone: the virtual environment is created, and the project
# installed with its dev extras, the first time a target needs it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build test lint bench browser clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

## build: build the seed timeline into site/
build: $(INSTALLED)
	$(BIN)/timeline build

## test: run the test suite
test: $(INSTALLED)
	$(BIN)/python -m pytest

## lint: ruff
lint: $(INSTALLED)
	$(BIN)/ruff check timeline tests bench

## bench: print speed and memory figures
bench: $(INSTALLED)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
