# zhengwu — every target bootstraps .venv itself.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: run test lint bench clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/zhengwu demo
	$(VENV)/bin/zhengwu runserver 127.0.0.1:8000

test: $(STAMP)
	bash scripts/test.sh

# ruff, then the layer contracts of pyproject.toml [tool.importlinter] (docs/ARCHITECTURE.md "Layers").
lint: $(STAMP)
	$(VENV)/bin/ruff check zhengwu tests bench
	$(VENV)/bin/lint-imports --no-cache

bench: $(STAMP)
	$(PY) bench/parse_bench.py

clean:
	rm -rf $(VENV) zhengwu.sqlite3* staticfiles bench/out .pytest_cache
