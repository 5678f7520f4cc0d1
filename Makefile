# Set-up and everyday commands. `make build` and `make test` create everything they need:
# the virtual environment, the Python packages, a CJK font and (for tests) the renderers used to check output.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages are installed only when missing; as root directly, otherwise through sudo.
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT   := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: build test bench messages clean system-font system-render-tools

build: $(STAMP) system-font
	@$(PY) -m compileall -q generator
	$(VENV)/bin/briefing build

# Tests run on every core (pytest-xdist); each test file stays on one worker, so that a module's fixtures are made
# once; the builds and LibreOffice drawings several files read are made once per run (tests/shared.py).
# The type check (mypy, tests/unit/test_types.py) and the import contracts (pyproject.toml: layers, painters, kinds,
# no cycles; tests/unit/test_architecture.py) are tests too, so that they run beside the others.
test: $(STAMP) system-font system-render-tools
	$(VENV)/bin/python -m pytest -q -n auto --dist loadfile

# The program's own modules are compiled first, as an installed package is (an editable install is compiled on first
# use only where Python may write bytecode; PYTHONDONTWRITEBYTECODE would make every run compile them again).
bench: $(STAMP) system-font system-render-tools
	@$(PY) -m compileall -q generator
	$(PY) bench/run.py
	$(PY) bench/preview.py
	$(PY) bench/peers.py
	$(PY) bench/costly_inputs.py

# Extract the interface's messages (and click's) with Babel into the Chinese catalogues and compile them to the .mo
# files the program reads; then translate the empty entries of the .po files and run it again.
messages: $(STAMP)
	$(PY) -m generator.messages

$(STAMP): pyproject.toml
	@python3 -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); $(SUDO) apt-get update -qq && $(APT) python3-venv && python3 -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# A Chinese font: Noto Sans CJK on Debian. Windows and macOS already have suitable fonts (see README).
system-font:
	@$(VENV)/bin/briefing fonts --check >/dev/null 2>&1 || { \
	  echo "installing a CJK font (fonts-noto-cjk)"; \
	  $(SUDO) apt-get update -qq && $(APT) fonts-noto-cjk fonts-liberation2 fontconfig; }

# The tests look at real output: LibreOffice renders decks (Impress) and the editable briefing (Writer) and saves
# workbooks (Calc), poppler and qpdf read PDFs, Chromium opens the preview.
# Carlito has Calibri's metrics: decks on Office templates (Calibri) are measured with it and LibreOffice draws them.
system-render-tools:
	@command -v soffice >/dev/null && dpkg -s libreoffice-writer >/dev/null 2>&1 && dpkg -s libreoffice-calc >/dev/null 2>&1 && command -v pdftoppm >/dev/null && command -v qpdf >/dev/null && command -v chromium >/dev/null && fc-list "Liberation Sans" | grep -q . && fc-list "WenQuanYi Micro Hei" | grep -q . && fc-list Carlito | grep -q . || { \
	  echo "installing LibreOffice Impress, Writer and Calc, poppler-utils, qpdf, Chromium and test fonts for the rendering tests"; \
	  $(SUDO) apt-get update -qq && $(APT) libreoffice-impress libreoffice-writer libreoffice-calc poppler-utils qpdf chromium fonts-liberation2 fonts-wqy-microhei fonts-crosextra-carlito; }

clean:
	rm -rf $(VENV) dist/*.pptx dist/*.pdf
