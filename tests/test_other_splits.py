"""Any inputs written to the spec build the same paper: here the reference paper's submissions
rewritten in other ways (every unit in YAML; Markdown unwrapped with its notes first; one unit's
paragraphs split over two files) give the same text, byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from gbpaper.diagnostics import Diagnostics
from gbpaper.load import Submission, load_submission
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text

FOLDER = ROOT / "inputs" / "GB.300-MNE-2-1"
EXPECTED = (ROOT / "outputs" / "GB.300-MNE-2-1.en.txt").read_text(encoding="utf-8")


def submissions() -> list[Submission]:
    diags = Diagnostics()
    subs = [load_submission(p, diags) for p in sorted(FOLDER.iterdir()) if p.is_file() and p.name != "paper.yaml"]
    assert not diags.items
    return subs


def as_yaml(sub: Submission) -> str:
    paragraphs = []
    for p in (para.raw for para in sub.blocks):
        entry = {"section": p.section.text, "text": p.text.text}
        if p.label:
            entry["label"] = p.label.text
        if p.parts:
            entry["bullets"] = [item.text.text for item in p.parts]
        paragraphs.append(entry)
    data = {"unit": sub.unit, "paper": sub.paper, "paragraphs": paragraphs,
            "footnotes": {n.raw.label: n.raw.text.text for n in sub.notes}}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)


def as_markdown(sub: Submission, paragraphs) -> str:
    lines = ["---", f"unit: {sub.unit}", f"paper: {sub.paper}", "---"]
    lines += [f"[^{n.raw.label}]: {n.raw.text.text}" for n in sub.notes]
    section = None
    for p in (para.raw for para in paragraphs):
        if p.section.text != section:
            section = p.section.text
            lines += ["", f"## {section}"]
        label = f" {{#{p.label.text}}}" if p.label else ""
        lines += ["", p.text.text + label] + [f"  - {item.text.text}" for item in p.parts]
    return "\n".join(lines) + "\n"


def rebuilt(tmp_path: Path, files: dict[str, str]) -> str:
    folder = tmp_path / "another-name"
    folder.mkdir()
    plan = (FOLDER / "paper.yaml").read_text(encoding="utf-8")
    (folder / "paper.yaml").write_text(plan.split("\nlanguages:")[0] + "\n", encoding="utf-8")
    shutil.copy(ROOT / "inputs" / "units.yaml", folder)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = compile_paper(folder)
    assert [d.format() for d in result.diagnostics.sorted() if d.severity == "error"] == []
    return render_text(result.paper).decode("utf-8")  # the English paper alone


def test_every_unit_in_yaml(tmp_path):
    files = {f"{i:02d}.yml": as_yaml(sub) for i, sub in enumerate(submissions())}
    assert rebuilt(tmp_path, files) == EXPECTED


def test_every_unit_in_markdown_unwrapped_with_notes_first(tmp_path):
    files = {f"unit-{i}.md": as_markdown(sub, sub.blocks) for i, sub in enumerate(submissions())}
    assert rebuilt(tmp_path, files) == EXPECTED


@pytest.mark.parametrize("split", [1, 3, 7])
def test_one_unit_split_over_two_files_read_in_name_order(tmp_path, split):
    files = {}
    for sub in submissions():
        if sub.unit == "EMP/MULTI":
            files["multi-b.md"] = as_markdown(sub, sub.blocks[split:])
            files["multi-a.md"] = as_markdown(sub, sub.blocks[:split])
        else:
            files[sub.name] = FOLDER.joinpath(sub.name).read_text(encoding="utf-8")
    assert rebuilt(tmp_path, files) == EXPECTED
