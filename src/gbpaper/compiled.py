"""`python -m gbpaper.compiled`: compiles gbpaper's modules to Python's bytecode, its templates
to Jinja's, its phrase tables to the data they hold, and its reference document to what the Word renderer reads from it (with its styles
in the language of each phrase table), once after each change, so that a run reads them
instead of doing the work again. `make` runs it when a module or template changed; it writes
even where Python itself writes no bytecode (PYTHONDONTWRITEBYTECODE), and a run never writes
any of them."""
from __future__ import annotations

import compileall
import sys
from pathlib import Path

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.phrases import compile_phrase_tables, load_phrases, phrase_table_path
from gbpaper.render.docx import DEFAULT_REFERENCE, compile_reference
from gbpaper.render.text import compile_templates


def main() -> int:
    compiled = compileall.compile_dir(Path(__file__).parent, quiet=1)
    compile_templates()
    compile_phrase_tables()
    compile_reference(DEFAULT_REFERENCE, _locales())
    return 0 if compiled else 1


def _locales() -> list[str]:
    """The language tag of each phrase table that reads without an error."""
    tables = phrase_table_path("en").parent.glob("*.yaml")
    found = [load_phrases(table.stem, Diagnostics(), Location(str(table))) for table in sorted(tables)]
    return [phrases.locale for phrases in found if phrases is not None]


if __name__ == "__main__":
    sys.exit(main())
