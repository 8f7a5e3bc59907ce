# One command to set up and run, one to set up and test. Each creates .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pytest-xdist: one worker per core, at most four (each may train a small model); WORKERS= runs in one process
WORKERS ?= --numprocesses=auto --maxprocesses=4

.PHONY: run train evaluate test test-fast lint bench screenshots install-desktop wheel translations clean

$(STAMP): pyproject.toml
	bash scripts/system_deps.sh
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# setuptools tells every editable install how it was made; the one-line filter keeps the first `make` quiet
	PYTHONWARNINGS='ignore:Editable installation' $(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## open the desktop app with the shipped model
	$(PY) -m handwriting gui

train: $(STAMP)  ## train the default model and the stroke network into models/, evaluate, store the figures
	$(PY) -m handwriting train --out models/default.keras
	$(PY) -m handwriting train-strokes --out models/default.strokes.keras
	$(PY) -m handwriting evaluate
	$(PY) scripts/store_evaluation.py --model models/default.keras

evaluate: $(STAMP)
	$(PY) -m handwriting evaluate

test: $(STAMP)  ## lint, import contracts and the whole test suite (Qt offscreen): what CI runs
	$(VENV)/bin/ruff check handwriting tests benchmarks scripts
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(WORKERS)

test-fast: $(STAMP)  ## lint, contracts and every test that needs neither TensorFlow nor a child process (under a minute)
	$(VENV)/bin/ruff check handwriting tests benchmarks scripts
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen HANDWRITING_TEST_LANE=fast $(PY) -m pytest $(WORKERS) -m "not tensorflow and not process and not wheel"

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
