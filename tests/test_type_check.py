"""The closed unions of the model are closed for real: a new kind of block or of trailing part
that a consumer does not handle is a type error that names the consumer (`make test` runs
mypy before the tests)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

NEW_KINDS = {
    "Block = Union[Heading, Paragraph, Table]": (
        "@dataclass(frozen=True)\nclass Figure:\n    caption: Inlines\n\n\n"
        "Block = Union[Heading, Paragraph, Table, Figure]"),
    "Part = Union[DashItem, LetteredItem, QuotedParagraph]": (
        "@dataclass(frozen=True)\nclass Remark:\n    content: Inlines\n\n\n"
        "Part = Union[DashItem, LetteredItem, QuotedParagraph, Remark]"),
}


def mypy(folder: Path) -> str:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--python-version", "3.11", "--config-file",
         str(ROOT / "pyproject.toml"), str(folder / "gbpaper")],
        capture_output=True, text=True, cwd=folder).stdout


def test_a_new_kind_of_block_or_part_is_a_type_error_in_every_consumer_that_misses_it(tmp_path):
    shutil.copytree(ROOT / "src" / "gbpaper", tmp_path / "gbpaper")
    model = tmp_path / "gbpaper" / "model.py"
    text = model.read_text(encoding="utf-8")
    for union, grown in NEW_KINDS.items():
        assert union in text
        text = text.replace(union, grown)
    model.write_text(text, encoding="utf-8")

    missed = sorted(set(re.findall(r"^gbpaper/(\S+?):\d+: error: Argument 1 to \"assert_never\" has "
                                   r"incompatible type \"(\w+)\"", mypy(tmp_path), re.M)))
    # diff.py goes through model.py's map_inlines.
    assert missed == [
        ("model.py", "Figure"),
        ("model_dump.py", "Figure"),
        ("model_dump.py", "Remark"),
        ("redline/placing.py", "Figure"),
        ("redline/slots.py", "Figure"),
        ("redline/slots.py", "Remark"),
        ("render/docx.py", "Figure"),
        ("render/docx.py", "Remark"),
        ("render/redline.py", "Figure"),
        ("render/text.py", "Figure"),
        ("render/text.py", "Remark"),
    ]
