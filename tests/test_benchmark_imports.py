"""A command imports only what it runs: `gbpaper check` and a text-only build start without the
Word machinery (python-docx, lxml), and `check` without the text template engine either."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

HEAVY = ("docx", "lxml", "jinja2")
PAPER = str(ROOT / "inputs" / "GB.300-MNE-2-1")

# Runs the command line in-process, then prints which of the HEAVY modules it imported.
PROBE = """
import json, sys
from gbpaper.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
print(json.dumps([status, sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})]))
""".format(heavy=set(HEAVY))


def imported(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    status, modules = json.loads(done.stdout.splitlines()[-1])
    return status, {name.split(".")[0] for name in modules}


def test_check_imports_no_renderer():
    assert imported("check", PAPER) == (0, set())


@pytest.mark.parametrize("fmt, needed", [("txt", {"jinja2"}), ("txt,docx", set(HEAVY))])
def test_a_build_imports_the_renderers_of_its_formats(fmt, needed, tmp_path):
    assert imported("build", PAPER, "-o", str(tmp_path), "--format", fmt) == (0, needed)
