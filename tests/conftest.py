"""Helpers shared by the tests: a paper folder written from a dict, and its build."""
from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gbpaper.cli import main
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-corpus", action="store_true",
                     help="rewrite tests/corpus/*/expected.txt from what gbpaper prints now")
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.model.txt from the model gbpaper assembles now")


UNITS = """\
units:
  - {code: EMP/MULTI, name: Multinational Enterprises Programme}
  - {code: IPEC, name: International Programme on the Elimination of Child Labour}
  - {code: TRAVAIL, name: Conditions of Work and Employment Programme}
  - {code: SECTOR, name: Sectoral Activities Department}
"""

PLAN = """\
symbol: GB.300/MNE/2/1
session: 300
session_month: 2007-11
committee: Subcommittee on Multinational Enterprises
committee_code: MNE
purpose: information
title: A test paper
place: Geneva
date: 2007-10-08
author: EMP/MULTI
contributors: [EMP/MULTI, IPEC, TRAVAIL, SECTOR]
sections:
  - key: introduction
  - key: office
    heading: Activities of the Office
    sections:
      - {key: knowledge, heading: Knowledge development, numbered: true}
      - {key: meetings, heading: Tripartite and expert meetings, numbered: true}
  - key: other
    heading: Other activities
    numbered: true
"""


class PaperFolder:
    """A paper folder in a temporary directory, written file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "paper"
        self.folder.mkdir()
        self.write("../units.yaml", UNITS)
        self.write("paper.yaml", PLAN)

    def write(self, name: str, text: str) -> PaperFolder:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return self

    def plan(self, **changes: str) -> PaperFolder:
        """paper.yaml with some top-level lines replaced (key: new value text)."""
        lines = []
        for line in PLAN.splitlines():
            key = line.split(":", 1)[0]
            lines.append(f"{key}: {changes.pop(key)}" if key in changes else line)
        lines += [f"{k}: {v}" for k, v in changes.items()]
        return self.write("paper.yaml", "\n".join(lines) + "\n")

    def compile(self):
        return compile_paper(self.folder)

    def text(self) -> str:
        result = self.compile()
        errors = [d.format() for d in result.diagnostics.sorted() if d.severity == "error"]
        assert result.paper is not None, "\n".join(errors)
        return render_text(result.paper).decode("utf-8")

    def body(self) -> list[str]:
        """The text output's blocks after the title: headings, paragraphs, closing."""
        blocks = self.text().rstrip("\n").split("\n\n")
        return blocks[blocks.index("A test paper") + 1 :]

    def diagnostics(self) -> list[str]:
        """Every diagnostic, formatted, with paths relative to the temporary folder."""
        return [d.format().replace(f"{self.root}/", "") for d in self.compile().diagnostics.sorted()]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Runs the command line in tmp_path, which holds the `paper` fixture's folder as `paper/`."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def paper(tmp_path: Path) -> PaperFolder:
    return PaperFolder(tmp_path)


def md(unit: str, body: str) -> str:
    """A Markdown submission of unit with the given body."""
    return f"---\nunit: {unit}\npaper: GB.300/MNE/2/1\n---\n" + textwrap.dedent(body)


def matches_golden(printed: str, golden: Path, request: pytest.FixtureRequest, option: str, command: str) -> None:
    """printed is golden's text, or the test fails with their diff and the command that accepts
    it; with the option given, golden is rewritten from printed first."""
    if request.config.getoption(option):
        golden.write_text(printed, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if printed != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), printed.splitlines(), golden.name,
                                              "printed", lineterm=""))
        pytest.fail(f"{golden.parent.name}/{golden.name}: gbpaper printed something else; if it is right, "
                    f"accept it with `{command}` and review `git diff`\n{diff}", pytrace=False)


@pytest.fixture(scope="session")
def reference():
    """The house style every Word paper is written in: templates/gb-reference.docx, checked."""
    from gbpaper.diagnostics import Diagnostics
    from gbpaper.render.docx import DEFAULT_REFERENCE, read_reference

    diags = Diagnostics()
    found = read_reference(DEFAULT_REFERENCE, diags)
    assert found is not None, [d.format() for d in diags.items]
    return found
