"""Random bytes, random Markdown and random YAML in a submission never crash gbpaper or hang it:
each gives diagnostics that point into the file, or a paper that renders.

The examples are derandomized and counted, so every run tries the same ones; the alarm is only
a hang detector, far above what an example takes.
"""
from __future__ import annotations

import json
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gbpaper.pipeline import build_papers, compile_paper

CORPUS_BASE = Path(__file__).parent / "corpus" / "_base"
HANG = 20  # seconds; an example takes milliseconds
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FRONT = b"---\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n"
MARKDOWN = ["\n", "\n\n", "# ", "## ", "### ", "#", "knowledge", "meetings", "Knowledge development",
            "I. ", "- ", "  - ", "  ", "\t", "text", " ", "word", "*", "**", "***", "\\", "\\*", "[^",
            "[^a]", "[^a]: ", "[^b]:", "[#", "[#knowledge]", "[#x]", "{#", "{#x}", "}", "]", "[", ":",
            "---", "---\n", "é", "\u0301", "’", "\x00", "\x07", "\x0c", "\x85", "\ufffe", "\r\n", "\r", "\ufeff"]
YAML = ["unit: IPEC\n", "paper: GB.300/MNE/2/1\n", "paragraphs:\n", "  - section: knowledge\n",
        "    text: ", "footnotes:\n", "  a: ", "bullets: ", "label: ", "\n", "  ", "- ", ": ", "text",
        "&a ", "*a", "&b [*a, *a]", "!!python/object:os.system ", "!x ", "<<: ", "[", "]", "{", "}",
        ", ", "'", '"', "\t", "---\n", "...\n", "? ", "|\n", ">\n", "#", "~", "null", "[^a]", "*b*"]


def tokens(alphabet: list[str]) -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(alphabet), max_size=60).map(lambda ts: "".join(ts).encode())


@contextmanager
def hang_detector(seconds: int):
    def hung(signum, frame):
        raise TimeoutError(f"no result after {seconds} s: gbpaper hangs on this input")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def case():
    """A copy of the corpus's good paper; each example replaces one file and puts it back."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(CORPUS_BASE, Path(tmp) / "case")
        yield Path(tmp) / "case"


def compile_with(case: Path, name: str, data: bytes) -> None:
    """Compiles the good paper with data as its file `name`, and checks what comes back."""
    path = case / "paper" / name
    good = path.read_bytes()
    path.write_bytes(data)
    try:
        check(case, path, data)
    finally:
        path.write_bytes(good)


def check(case: Path, path: Path, data: bytes) -> None:
    with hang_detector(HANG):
        result = compile_paper(case / "paper")
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for diag in result.diagnostics.sorted():
        json.dumps(diag.as_json())
        assert Path(diag.location.path).is_relative_to(case), diag.format()
        assert diag.location.line >= 1 and diag.location.col >= 1, diag.format()
        if diag.location.path == str(path):
            assert diag.location.line <= lines + 1, diag.format()
    assert (result.paper is None) == result.diagnostics.has_errors
    if result.paper is not None:
        with hang_detector(HANG):
            [built] = build_papers([case / "paper"], case / "out", ("txt", "docx"))
        assert built.paper is not None


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_a_markdown_submission(case, data):
    compile_with(case, "ipec.md", data)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_after_good_front_matter(case, data):
    compile_with(case, "ipec.md", FRONT + data)


@SETTINGS
@given(data=tokens(MARKDOWN))
def test_random_markdown_in_a_submission(case, data):
    compile_with(case, "ipec.md", FRONT + b"\n# knowledge\n\n" + data)


@SETTINGS
@given(data=tokens(YAML))
def test_random_yaml_as_a_submission(case, data):
    compile_with(case, "sector.yaml", data)


@SETTINGS
@given(data=tokens(YAML))
def test_random_yaml_as_front_matter(case, data):
    compile_with(case, "ipec.md", b"---\n" + data + b"\n---\n# knowledge\n\nText.\n")
