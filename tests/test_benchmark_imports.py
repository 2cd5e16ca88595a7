"""A command imports only what it runs: `gbpaper check` and a text-only build start without the
Word machinery (python-docx, lxml), and `check` without the text template engine either."""
from __future__ import annotations

import json
import shutil
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


# Runs `gbpaper` as its entry point does, and prints the modules imported when the garbage
# collector was started, with those imported by the end.
COLLECTOR_PROBE = """
import gc, json, sys
started = []
enable = gc.enable
gc.enable = lambda: (started.append(sorted(sys.modules)), enable())
from gbpaper.launch import main
try:
    main()
except SystemExit:
    pass
print(json.dumps([gc.isenabled(), started, sorted(sys.modules)]))
"""


def modules_at_start_of_collection(*args: str, cwd=ROOT) -> tuple[bool, list[list[str]], set[str]]:
    done = subprocess.run([sys.executable, "-c", COLLECTOR_PROBE, *args], capture_output=True, text=True,
                          cwd=cwd, check=True)
    enabled, started, modules = json.loads(done.stdout.splitlines()[-1])
    return enabled, started, set(modules)


def test_the_collector_starts_once_a_build_has_imported_its_renderers(tmp_path):
    enabled, started, modules = modules_at_start_of_collection("build", PAPER, "-o", str(tmp_path))
    assert enabled and len(started) == 1
    assert {"pydantic", "gbpaper.schema", "docx", "jinja2", "gbpaper.render.docx"} <= set(started[0])


def test_no_pdf_driver_unless_a_pdf_is_asked_for(tmp_path):
    _, _, modules = modules_at_start_of_collection("build", PAPER, "-o", str(tmp_path))
    assert "gbpaper.render.pdf" not in modules


def test_a_build_with_nothing_changed_imports_neither_the_models_nor_package_metadata(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs" / "GB.300-MNE-2-1", inputs / "GB.300-MNE-2-1")
    shutil.copy(ROOT / "inputs" / "units.yaml", inputs / "units.yaml")
    subprocess.run([sys.executable, "-m", "gbpaper", "build", "--changed"], cwd=tmp_path, check=True)
    _, started, modules = modules_at_start_of_collection("build", "--changed", cwd=tmp_path)
    assert started == []  # nothing to run: the collector is never started
    assert not {"pydantic", "yaml", "docx", "jinja2", "importlib.metadata"} & modules
