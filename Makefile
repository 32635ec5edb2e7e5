# Two entry points on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test lint bench score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed      ## ingest the bundled sample articles into dateline.db and list the events
	$(BIN)/dateline demo --db dateline.db

test: $(VENV)/.installed      ## lint, then the whole test suite (includes the gold-set gate)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

score: $(VENV)/.installed     ## score the shared dev set (../shared/eval)
	$(BIN)/dateline extract ../shared/eval/dev --jsonl > /tmp/dateline-dev.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev /tmp/dateline-dev.jsonl --verbose

bench: $(VENV)/.installed     ## articles/s and peak memory, against a spaCy pass in its own venv
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) dateline.db *.egg-info .pytest_cache .ruff_cache
