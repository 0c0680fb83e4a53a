# Veiligheid achter de voordeur: the two commands a newcomer needs are `make lab` and `make test`.
# Everything installs itself into .venv (uv when it can, plain pip otherwise).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
PORT   ?= 8888

.PHONY: help lab test test-unit test-notebooks test-browser lint notebooks exercises slides quiz-app \
        lite bench refresh-data check-quiz binder-links clean venv venv-dev

help:
	@echo "make lab            installeer alles en open JupyterLab op de startles"
	@echo "make test           installeer alles en draai alle tests"
	@echo "make notebooks      voer de lessen opnieuw uit (na een wijziging in data of tekst)"
	@echo "make exercises      maak exercises/ opnieuw uit solutions/"
	@echo "make slides         maak reveal.js-dia's van de lessen (build/slides)"
	@echo "make quiz-app       open de quizzen in Voila, zonder code"
	@echo "make lite           bouw de browserversie zonder installatie, werkt ook offline (build/lite)"
	@echo "make bench          meet snelheid en geheugen (BENCH_ARGS=--suite meet ook make test)"
	@echo "make refresh-data   haal de Veilig Thuis-tabellen opnieuw op bij CBS (internet nodig)"
	@echo "make check-quiz BANK=data/quizzes/mijn-casussen.yaml   controleer een vragenbank"

# --- environments -------------------------------------------------------------------------------
$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv || true
	touch $@

$(VENV)/.lab: requirements.txt pyproject.toml | $(VENV)/.created
	@bash tools/install.sh $(VENV) requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt pyproject.toml | $(VENV)/.created
	@bash tools/install.sh $(VENV) requirements-dev.txt
	touch $@ $(VENV)/.lab

venv: $(VENV)/.lab
venv-dev: $(VENV)/.dev

# --- the two commands -----------------------------------------------------------------------------
lab: $(VENV)/.lab
	$(JUPYTER) lab --port=$(PORT) notebooks/00-start.ipynb $(if $(filter 0,$(shell id -u)),--allow-root,)

test: $(VENV)/.dev
	@bash tools/ensure_chromium.sh
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest tests -m "not browser" -n 2
	$(PY) -m pytest tests -m browser
	$(PY) -m pytest -p no:cacheprovider --nbval notebooks solutions docs/voorbeelden \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg -n 2 --dist loadfile
	$(PY) -m pytest -p no:cacheprovider --nbval-lax exercises -n 2 --dist loadfile

test-browser: $(VENV)/.dev
	@bash tools/ensure_chromium.sh
	$(PY) -m pytest tests -m browser

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests tools

# --- building ---------------------------------------------------------------------------------------
notebooks: $(VENV)/.dev
	$(PY) tools/lesson_parts.py
	$(PY) tools/run_notebooks.py notebooks docs/voorbeelden solutions

exercises: $(VENV)/.dev
	$(PY) tools/make_exercises.py

slides: $(VENV)/.dev
	$(PY) tools/build_slides.py

# Voila with the template "voordeur": Font Awesome from a local copy (build/voila), page language Dutch.
quiz-app: $(VENV)/.lab
	$(PY) tools/build_voila.py
	JUPYTER_PATH=$(CURDIR)/build/voila/share/jupyter $(VENV)/bin/voila notebooks/quizzen.ipynb \
	    --template=voordeur --VoilaExporter.language_code=nl --port=$(PORT)

# LITE_ARGS: e.g. --offline (only build/cache) or --pyodide <full distribution, folder or tarball>
LITE_ARGS ?=
lite: $(VENV)/.dev
	$(PY) tools/build_lite.py $(LITE_ARGS)

BENCH_ARGS ?=
bench: $(VENV)/.dev
	$(PY) tools/bench.py $(BENCH_ARGS)

refresh-data: $(VENV)/.lab
	$(PY) -m voordeur.cbs refresh

BANK ?= data/quizzes
check-quiz: $(VENV)/.lab
	$(PY) -m voordeur.quiz check $(BANK)

binder-links: $(VENV)/.dev
	$(PY) tools/binder_links.py

clean:
	rm -rf build _output test-artifacts .pytest_cache
