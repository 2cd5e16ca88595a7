# gbpaper: `make paper` builds every paper under inputs/ into outputs/, `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
STAMPS := outputs/.stamps

PAPER_DIRS := $(patsubst %/paper.yaml,%,$(shell find inputs -name paper.yaml 2>/dev/null | sort))
PAPER_STAMPS := $(patsubst inputs/%,$(STAMPS)/%/built,$(PAPER_DIRS))
CODE := $(shell find src templates -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: paper test corpus golden check bench bench-smoke schemas pictures reference-docx clean distclean
.DEFAULT_GOAL := paper

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# One stamp per paper folder (not committed): a fresh clone rebuilds both .txt and .docx even
# though the committed .txt is newer than its inputs; later runs rebuild only changed papers.
# A paper depends on its files and on its folders, whose times change when a file is added or
# removed; a folder is named `folder/.`, so that a name ending in `)`, as a revised paper's
# `GB.323-INS-8(Rev.1)` may, is not read as an archive member. Papers write different files,
# each atomically, so `make -j paper` builds them at once.
FILES_AND_FOLDERS := -type f -printf '%p\n' -o -type d -printf '%p/.\n'
.SECONDEXPANSION:
$(STAMPS)/%/built: $(INSTALLED) $$(shell find 'inputs/$$*' $$(FILES_AND_FOLDERS)) $$(wildcard inputs/units.yaml inputs/%/../units.yaml) $(CODE)
	$(BIN)/gbpaper build 'inputs/$*'
	mkdir -p '$(@D)' && touch '$@'

paper: $(PAPER_STAMPS)

# The type checker first: it names any consumer that misses a kind of block, part or inline.
test: $(INSTALLED)
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

# Rewrites tests/corpus/*/expected.txt from what gbpaper prints now (review with git diff).
corpus: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/test_corpus.py tests/test_layout_2011.py --update-corpus

# Rewrites tests/golden/*.model.txt from the model gbpaper assembles now (review with git diff).
golden: $(INSTALLED)
	$(BIN)/python -m pytest -q tests/test_model_golden.py --update-golden

check: $(INSTALLED)
	$(BIN)/gbpaper check

# gbpaper against pandoc on papers of 1x to 1500x the reference paper (a few minutes); the table
# goes to benchmarks/results.md. pandoc is installed first when missing and we are root.
bench: $(INSTALLED)
	command -v pandoc >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc >/dev/null; } || true
	$(BIN)/python -m benchmarks.run --require-targets

# The same at 1x and 10x, once each: what CI runs (tests/test_benchmark.py), no timing target.
bench-smoke: $(INSTALLED)
	$(BIN)/python -m benchmarks.run --scales 1,10 --runs 1 --results benchmarks/build/results.md

# The JSON Schemas of the input files, regenerated from the models in src/gbpaper/schema.py.
schemas: $(INSTALLED)
	$(BIN)/gbpaper schema -o schemas

# Pages 1 and 2 of the reference paper's PDF, page 1 of GB.326/POL/8 (the 2011 layout), and the
# decision paragraph and a table of GB.300/PFA/5, as pictures for the README (needs LibreOffice and poppler-utils: apt-get
# install libreoffice-writer-nogui poppler-utils).
pictures: $(INSTALLED)
	rm -rf outputs/.pictures && mkdir -p docs
	$(BIN)/gbpaper build inputs/GB.300-MNE-2-1 inputs/GB.300-PFA-5 inputs/GB.326-POL-8 --lang en --format pdf -o outputs/.pictures
	pdftoppm -png -r 80 -f 1 -l 2 outputs/.pictures/GB.300-MNE-2-1.en.pdf outputs/.pictures/page
	mv outputs/.pictures/page-1.png docs/page-1.png && mv outputs/.pictures/page-2.png docs/page-2.png
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile outputs/.pictures/GB.326-POL-8.en.pdf docs/page-1-2011
	$(BIN)/python tools/crop_picture.py outputs/.pictures/GB.300-PFA-5.en.pdf "12." "Geneva," docs/decision.png
	$(BIN)/python tools/crop_picture.py outputs/.pictures/GB.300-PFA-5.en.pdf "Table 1." "8." docs/table.png
	rm -rf outputs/.pictures

# The Word paper's house style as tools/make_reference_docx.py writes it. Builds never run this;
# it discards whatever an editor changed in templates/gb-reference.docx with Word.
reference-docx: $(INSTALLED)
	$(BIN)/python tools/make_reference_docx.py templates/gb-reference.docx

clean:
	rm -rf $(STAMPS) outputs/*.docx outputs/*.pdf .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) src/*.egg-info
