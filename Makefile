PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE := $(VENV)/.installed-core
FULL := $(VENV)/.installed-full
# every optional extra, so that the test suite covers them all
EXTRAS := dev,neural,datatrove,datasets,bench

.PHONY: demo test bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(CORE): pyproject.toml $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $(CORE)

# torch first, pinned to the CPU build: a bare torch requirement pulls CUDA packages
$(FULL): pyproject.toml $(VENV)/bin/python
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $(CORE) $(FULL)

demo: $(CORE)
	rm -rf out/seeds
	$(BIN)/cleaner clean seeds/*.txt --out-dir out/seeds --edits out/seeds-edits.jsonl
	$(BIN)/cleaner diff seeds/*.txt
	@echo "cleaned files: out/seeds/  edit log: out/seeds-edits.jsonl"

test: $(FULL)
	$(BIN)/python -m pytest -q

bench: $(FULL)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache
