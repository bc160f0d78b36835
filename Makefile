PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out/seeds
	$(BIN)/cleaner clean seeds/*.txt --out-dir out/seeds --edits out/seeds-edits.jsonl
	$(BIN)/cleaner diff seeds/*.txt
	@echo "cleaned files: out/seeds/  edit log: out/seeds-edits.jsonl"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache
