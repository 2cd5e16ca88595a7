# gbpaper: `make paper` builds every paper under inputs/ into outputs/, `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# No built-in rules: Make need not look for ways to make files it is never asked for.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

.PHONY: paper test corpus golden word-fixtures check bench bench-smoke schemas pictures reference-docx clean distclean
.DEFAULT_GOAL := paper

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# gbpaper's modules, templates and reference document compiled once after each change, not by
# every run (Python compiles a module it finds no bytecode for each time it starts, and where
# PYTHONDONTWRITEBYTECODE is set it never keeps what it compiled).
COMPILED := $(VENV)/.compiled
$(COMPILED): $(INSTALLED) $(wildcard src/gbpaper/*.py src/gbpaper/*/*.py templates/*.j2 templates/*.docx templates/phrases/*.yaml)
	$(BIN)/python -m gbpaper.compiled
	touch $@

# One gbpaper process builds every paper under inputs/ whose inputs, options or code changed:
# gbpaper itself tells what changed, from the record it keeps in outputs/ (see the README).
# A fresh clone has no record, so everything is built.
paper: $(COMPILED)
	$(BIN)/gbpaper build --changed

# The type checker first: it names any consumer that misses a kind of block, part or inline.
test: $(COMPILED)
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

# Rewrites tests/corpus/*/expected.txt from what gbpaper prints now (review with git diff).
corpus: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/test_corpus.py tests/test_layout_2011.py --update-corpus

# Remakes the Word documents of tests/data/word (the reference paper's submissions, written by
# gbpaper, pandoc and LibreOffice) and of the corpus's Word cases (needs pandoc and LibreOffice).
word-fixtures: $(INSTALLED)
	$(BIN)/python tests/word_fixtures.py

# Rewrites tests/golden/*.model.txt from the model gbpaper assembles now (review with git diff).
golden: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/test_model_golden.py --update-golden

check: $(INSTALLED)
	$(BIN)/gbpaper check

# gbpaper against pandoc on papers of 1x to 1500x the reference paper, then on a session of 100
# papers in three languages against pandoc and LibreOffice (several minutes); the tables go to
# benchmarks/results.md. pandoc is installed first when missing and we are root.
bench: $(COMPILED)
	command -v pandoc >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc >/dev/null; } || true
	$(BIN)/python -m benchmarks.run --require-targets
	$(BIN)/python -m benchmarks.session --require-targets

# The same at 1x and 10x, once each: what CI runs (tests/test_benchmark.py), no timing target.
bench-smoke: $(COMPILED)
	$(BIN)/python -m benchmarks.run --scales 1,10 --runs 1 --results benchmarks/build/results.md

# The JSON Schemas of the input files, regenerated from the models in src/gbpaper/schema.py.
schemas: $(INSTALLED)
	$(BIN)/gbpaper schema -o schemas

# Pages 1 and 2 of the reference paper's PDF, page 1 of GB.326/POL/8 (the 2011 layout), the
# decision paragraph and a table of GB.300/PFA/5, TRAVAIL's submission written in Word, and page 2
# and paragraph 25 of a redline of the reference paper (tools/redline_example.py), as pictures for
# the README (needs LibreOffice and poppler-utils: apt-get install libreoffice-writer-nogui poppler-utils).
pictures: $(INSTALLED)
	rm -rf outputs/.pictures && mkdir -p docs
	$(BIN)/gbpaper build inputs/GB.300-MNE-2-1 inputs/GB.300-PFA-5 inputs/GB.326-POL-8 --lang en --format pdf -o outputs/.pictures
	pdftoppm -png -r 80 -f 1 -l 2 outputs/.pictures/GB.300-MNE-2-1.en.pdf outputs/.pictures/page
	mv outputs/.pictures/page-1.png docs/page-1.png && mv outputs/.pictures/page-2.png docs/page-2.png
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile outputs/.pictures/GB.326-POL-8.en.pdf docs/page-1-2011
	$(BIN)/python tools/crop_picture.py outputs/.pictures/GB.300-PFA-5.en.pdf "12." "Geneva," docs/decision.png
	$(BIN)/python tools/crop_picture.py outputs/.pictures/GB.300-PFA-5.en.pdf "Table 1." "8." docs/table.png
	soffice -env:UserInstallation=file://$(CURDIR)/outputs/.pictures/profile --headless --convert-to pdf \
	  --outdir outputs/.pictures tests/data/word/gbpaper/travail.docx >/dev/null
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile outputs/.pictures/travail.pdf docs/word-submission
	mkdir -p outputs/.pictures/revised && cp -R inputs/GB.300-MNE-2-1 inputs/units.yaml outputs/.pictures/revised/
	$(BIN)/python tools/redline_example.py outputs/.pictures/revised/GB.300-MNE-2-1
	$(BIN)/gbpaper diff inputs/GB.300-MNE-2-1 outputs/.pictures/revised/GB.300-MNE-2-1 --format docx \
	  -o outputs/.pictures/redline.docx || [ $$? = 1 ]
	soffice -env:UserInstallation=file://$(CURDIR)/outputs/.pictures/profile --headless --convert-to pdf \
	  --outdir outputs/.pictures outputs/.pictures/redline.docx >/dev/null
	pdftoppm -png -r 80 -f 2 -l 2 -singlefile outputs/.pictures/redline.pdf docs/redline-page-2
	$(BIN)/python tools/crop_picture.py outputs/.pictures/redline.pdf "25." "through the" docs/redline-word.png
	rm -rf outputs/.pictures

# The Word paper's house style as tools/make_reference_docx.py writes it. Builds never run this;
# it discards whatever an editor changed in templates/gb-reference.docx with Word.
reference-docx: $(INSTALLED)
	$(BIN)/python tools/make_reference_docx.py templates/gb-reference.docx

clean:
	rm -rf outputs/.gbpaper-record.json outputs/*.docx outputs/*.pdf .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	rm -f $(COMPILED)

distclean: clean
	rm -rf $(VENV) src/*.egg-info
