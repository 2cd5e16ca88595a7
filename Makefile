# gbpaper: `make paper` builds every paper under inputs/ into outputs/, `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
STAMPS := outputs/.stamps

PAPER_DIRS := $(patsubst %/paper.yaml,%,$(shell find inputs -name paper.yaml 2>/dev/null | sort))
PAPER_STAMPS := $(patsubst inputs/%,$(STAMPS)/%/built,$(PAPER_DIRS))
CODE := $(shell find src templates -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: paper test check pictures clean distclean
.DEFAULT_GOAL := paper

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# One stamp per paper folder (not committed): a fresh clone rebuilds both .txt and .docx even
# though the committed .txt is newer than its inputs; later runs rebuild only changed papers.
.SECONDEXPANSION:
$(STAMPS)/%/built: $(INSTALLED) $$(shell find inputs/% -type f) $$(wildcard inputs/units.yaml inputs/%/../units.yaml) $(CODE)
	$(BIN)/gbpaper build inputs/$*
	mkdir -p $(@D) && touch $@

paper: $(PAPER_STAMPS)

test: $(INSTALLED)
	$(BIN)/python -m pytest

check: $(INSTALLED)
	$(BIN)/gbpaper check

# Pages 1 and 2 of the reference paper as pictures for the README (needs LibreOffice and
# poppler-utils: apt-get install libreoffice-writer-nogui poppler-utils).
pictures: paper
	rm -rf outputs/.pictures && mkdir -p outputs/.pictures docs
	soffice --headless --convert-to pdf --outdir outputs/.pictures outputs/GB.300-MNE-2-1.en.docx >/dev/null
	pdftoppm -png -r 80 -f 1 -l 2 outputs/.pictures/GB.300-MNE-2-1.en.pdf outputs/.pictures/page
	mv outputs/.pictures/page-1.png docs/page-1.png && mv outputs/.pictures/page-2.png docs/page-2.png
	rm -rf outputs/.pictures

clean:
	rm -rf $(STAMPS) outputs/*.docx .pytest_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) src/*.egg-info
