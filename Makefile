# One command to set up and run, one to set up and test. Each creates .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run train evaluate test lint bench screenshots install-desktop wheel translations clean

$(STAMP): pyproject.toml
	bash scripts/system_deps.sh
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## open the desktop app with the shipped model
	$(PY) -m handwriting gui

train: $(STAMP)  ## train the default model into models/, evaluate it on the official test set and store its figures
	$(PY) -m handwriting train --out models/default.keras
	$(PY) -m handwriting evaluate
	$(PY) scripts/store_evaluation.py --model models/default.keras

evaluate: $(STAMP)
	$(PY) -m handwriting evaluate

test: $(STAMP)  ## lint, import contracts and the test suite (Qt offscreen)
	$(VENV)/bin/ruff check handwriting tests benchmarks scripts
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

install-desktop: $(STAMP)  ## add the app (launcher + icon) to this user's application menu
	$(PY) -m handwriting install-desktop

wheel: $(STAMP)  ## build dist/handwriting-*.whl (with the shipped model and MNIST inside)
	$(PY) -m pip wheel . --no-deps -w dist

translations: $(STAMP)  ## regenerate handwriting/i18n/*.ts from the GUI's sources and compile the .qm (needs lrelease)
	$(PY) scripts/translations.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
