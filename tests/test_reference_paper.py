"""GB.300/MNE/2/1 built from its units' submissions in inputs/ reproduces the published paper."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from canon import canon
from conftest import ROOT
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text

FOLDER = ROOT / "inputs" / "GB.300-MNE-2-1"
COMMITTED = ROOT / "outputs" / "GB.300-MNE-2-1.en.txt"
REFERENCE = Path(__file__).parent / "data" / "GB.300-MNE-2-1.reference.txt"


@pytest.fixture(scope="module")
def versions() -> dict[str, str]:
    result = compile_paper(FOLDER)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    return {paper.language: render_text(paper).decode("utf-8") for paper in result.versions}


@pytest.fixture(scope="module")
def built(versions) -> str:
    return versions["en"]


@pytest.fixture(scope="module")
def ours(built):
    return canon(built, from_pdf=False)


@pytest.fixture(scope="module")
def reference():
    return canon(REFERENCE.read_text(encoding="utf-8"), from_pdf=True)


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_committed_text_outputs_are_up_to_date(versions, lang):
    committed = ROOT / "outputs" / f"GB.300-MNE-2-1.{lang}.txt"
    assert committed.read_text(encoding="utf-8") == versions[lang], (
        f"{committed.name} is stale: run `make paper` and commit it")


def test_french_and_spanish_carry_the_same_numbers_line_for_line(versions):
    def numbers(text: str) -> list[list[str]]:
        """Each line's paragraph number and footnote numbers."""
        return [re.findall(r"^\d+\. |[⁰¹²³⁴⁵⁶⁷⁸⁹]+", line) for line in text.splitlines()]

    en, fr, es = (numbers(versions[lang]) for lang in ("en", "fr", "es"))
    assert en == fr == es
    assert sum(1 for n in en if n and n[0].endswith(". ")) == 34
    assert {m for n in en for m in n if not m.endswith(". ")} == set("¹²³⁴⁵⁶⁷⁸")
    paragraph_18 = [next(line for line in versions[lang].splitlines() if line.startswith("18. "))
                    for lang in ("en", "fr", "es")]
    assert all(re.search(r"\bI\.$", line) for line in paragraph_18), paragraph_18


def test_masthead_and_front_lines(built):
    assert built.split("\n\n")[:5] == [
        "INTERNATIONAL LABOUR OFFICE\nGoverning Body\nGB.300/MNE/2/1\n300th Session\n"
        "Geneva, November 2007\nSubcommittee on Multinational Enterprises\nMNE",
        "FOR INFORMATION",
        "THIRD ITEM ON THE AGENDA",
        "Updates on corporate social responsibility (CSR)-related activities",
        "(a) Within the ILO, including the InFocus Initiative on Corporate Social Responsibility "
        "and the International Training Centre",
    ]


def test_blocks_match_the_reference_one_by_one(ours, reference):
    assert len(ours.blocks) == len(reference.blocks) == 47
    for got, expected in zip(ours.blocks, reference.blocks):
        assert got == expected


def test_paragraphs_are_numbered_1_to_34(ours):
    numbers = [int(b.split(".")[0]) for b in ours.blocks if b[0].isdigit()]
    assert numbers == list(range(1, 35))


def test_headings(ours):
    headings = [b for b in ours.blocks if not b[0].isdigit()]
    assert headings == [
        "FOR INFORMATION",
        "THIRD ITEM ON THE AGENDA",
        "Updates on corporate social responsibility (CSR)-related activities",
        "(a) Within the ILO, including the InFocus Initiative on Corporate Social Responsibility "
        "and the International Training Centre",
        "Towards a more coherent and focused approach to CSR",
        "Updates on CSR-related activities of the Office",
        "I. Knowledge development",
        "II. Tripartite and expert meetings",
        "III. Promotional activities and technical advisory services",
        "IV. Other activities",
        "Updates on CSR-related activities of the International Training Centre of the ILO (ITC–ILO)",
        "Geneva, 8 October 2007.",
        "Submitted for information.",
    ]


def test_paragraph_34_keeps_its_three_list_items(ours):
    items = ours.blocks[-3].split(" | - ")
    assert items[0].startswith("34. As reported before")
    assert items[1:] == [
        "the development of training material for social auditors, to help them in their role "
        "when reference is made to the ILO core Conventions;",
        "the development of training material on CSR and SMEs and the supply chain; and",
        "the development of training materials to increase awareness about the existing "
        "international instruments which are related to CSR, such as the MNE Declaration and the "
        "Global Compact.",
    ]


def test_footnotes_1_to_8_worded_and_placed_as_in_the_reference(ours, reference):
    assert sorted(ours.notes) == list(range(1, 9))
    assert ours.notes == reference.notes
    assert ours.placed == reference.placed == {1: 1, 2: 1, 3: 2, 4: 8, 5: 10, 6: 11, 7: 11, 8: 13}


def test_footnote_3_is_ibid_from_the_rule_not_typed(built):
    assert "³ *ibid.*" in built.splitlines()
    assert "ibid" not in "".join(p.read_text(encoding="utf-8") for p in FOLDER.rglob("*.*"))


def test_paragraph_18_cross_reference_gives_section_I(ours):
    assert "18. SECTOR held two sectoral-level meetings as reported in section I." in ours.blocks
    assert "[#knowledge]" in (FOLDER / "sector.yaml").read_text(encoding="utf-8")
