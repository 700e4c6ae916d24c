# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make run   - create .venv, install, run the monthly batch on inputs/ into outputs/
#   make test  - create .venv, install with test tools, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/committee: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# setuptools warns, in a wall of "!!", that an editable install is one: not a problem
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/committee

run: $(BIN)/committee
	$(BIN)/committee batch inputs outputs

test: $(BIN)/committee
	$(BIN)/python -m pytest -q

lint: $(BIN)/committee
	$(BIN)/ruff check pipeline tests bench

bench: $(BIN)/committee
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
