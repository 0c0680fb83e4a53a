# Veiligheid achter de voordeur: the two commands a newcomer needs are `make lab` and `make test`.
# Everything installs itself into .venv (uv when it can, plain pip otherwise).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
PORT   ?= 8888
# the Voila pages take PORT only when it is given (make beamer PORT=9000); else Voila's own 8866
VOILA_PORT = $(if $(filter command line environment,$(origin PORT)),--port=$(PORT))

.PHONY: help lab test test-unit test-notebooks test-browser lint build check-build notebooks exercises slides \
        materiaal quiz-app beamer lite bench refresh-data check-quiz quiz-kwaliteit binder-links clean venv \
        venv-dev

help:
	@echo "make lab            installeer alles en open JupyterLab op de startles"
	@echo "make test           installeer alles en draai alle tests"
	@echo "make build          maak alles wat uit een bron komt opnieuw: lessen, oefeningen, README, handleiding, links"
	@echo "make check-build    controleer dat alle gemaakte bestanden bij hun bron passen (voert niets uit)"
	@echo "make slides         maak reveal.js-dia's van de lessen (build/slides)"
	@echo "make materiaal      maak casuskaarten, het afwegingskader en het observatieformulier (build/materiaal)"
	@echo "make quiz-app       open de quizzen in Voila, zonder code"
	@echo "make beamer         open de beamerpagina in Voila: één vraag per scherm, klasmodus aan"
	@echo "make lite           bouw de browserversie zonder installatie, werkt ook offline (build/lite)"
	@echo "make bench          meet snelheid en geheugen (BENCH_ARGS=--suite meet ook make test)"
	@echo "make refresh-data   haal de Veilig Thuis-tabellen opnieuw op bij CBS (internet nodig)"
	@echo "make check-quiz BANK=data/quizzes/mijn-casussen.yaml   controleer een vragenbank"
	@echo "make quiz-kwaliteit  cijfers over de vragen: is het goede antwoord steeds de langste? vertakken de scenario's?"

# --- environments -------------------------------------------------------------------------------
# start.py (standard library only) does the work on every OS: venv, uv or pip, the pinned lock, the
# package, the Dutch JupyterLab settings. It skips an install when nothing changed since the last one.
$(VENV)/.lab: requirements.txt pyproject.toml start.py jupyter-settings/overrides.json
	$(PYTHON) start.py install

$(VENV)/.dev: requirements-dev.txt requirements.txt pyproject.toml start.py jupyter-settings/overrides.json
	$(PYTHON) start.py install --dev

venv: $(VENV)/.lab
venv-dev: $(VENV)/.dev

# --- the two commands -----------------------------------------------------------------------------
# Both are the launcher, so Windows (`py start.py`, `py start.py test`) runs exactly the same steps.
# `make lab` serves the repository root and opens notebooks/00-start.ipynb.
lab:
	$(PYTHON) start.py lab --port=$(PORT)

test:
	$(PYTHON) start.py test

test-browser: $(VENV)/.dev
	@bash tools/ensure_chromium.sh
	$(PY) -m pytest tests -m browser

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests tools start.py hatch_build.py dodo.py

# --- building ---------------------------------------------------------------------------------------
# One build: dodo.py declares every generated file with its sources (from src/voordeur/lessen.toml, via
# tools/build.py); doit rebuilds only what a change touches. check-build executes nothing and also runs
# in `make test` (tests/test_build.py). The old names stay as aliases.
build: $(VENV)/.dev
	$(PY) -m doit -f dodo.py

check-build: $(VENV)/.dev
	$(PY) tools/build.py --check

notebooks exercises binder-links: build

slides: $(VENV)/.dev
	$(PY) tools/build_slides.py

materiaal: $(VENV)/.dev
	$(PY) tools/build_materiaal.py

# Voila without code: start.py builds the template "voordeur" (tools/build_voila.py: local icons, lang="nl",
# no MathJax) and starts Voila with a preheated kernel (start.voila_settings; Windows: py start.py quizzen).
quiz-app: $(VENV)/.lab
	$(PYTHON) start.py quizzen $(VOILA_PORT)

beamer: $(VENV)/.lab
	$(PYTHON) start.py beamer $(VOILA_PORT)

# LITE_ARGS: e.g. --offline (only build/cache) or --pyodide <full distribution, folder or tarball>
LITE_ARGS ?=
lite: $(VENV)/.dev
	$(PY) tools/build_lite.py $(LITE_ARGS)

BENCH_ARGS ?=
bench: $(VENV)/.dev
	$(PY) tools/bench.py $(BENCH_ARGS)

refresh-data: $(VENV)/.lab
	$(PY) -m voordeur_bouw.cbs refresh

BANK ?= data/quizzes
# The recipe handles the exit status itself, so a broken bank ends with a Dutch line, not make's
# "*** Error 1". CI: call `python -m voordeur.quiz check` directly (exit 1), or pass STRENG=1.
check-quiz: $(VENV)/.lab
	@$(PY) -m voordeur.quiz check $(BANK); status=$$?; \
	if [ $$status -eq 0 ]; then echo "Klaar: de vragenbank is in orde."; \
	else echo "Klaar: verbeter de punten met ✘ hierboven en controleer daarna opnieuw."; \
	     if [ -n "$(STRENG)" ]; then exit $$status; fi; fi

quiz-kwaliteit: $(VENV)/.lab
	@$(PY) -m voordeur.quiz kwaliteit $(QUIZMAP)

clean:
	rm -rf build _output test-artifacts .pytest_cache
