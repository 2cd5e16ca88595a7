"""`gbpaper new`: a unit's submission written as a skeleton of the paper's outline."""
from __future__ import annotations

import pytest

from reference_copy import reference_copy

SKELETON = """\
---
unit: ILO-Tokyo
paper: GB.300/MNE/2/1
---

# introduction

# Towards a more coherent and focused approach to CSR

# Updates on CSR-related activities of the Office

## Knowledge development

## Tripartite and expert meetings

## Promotional activities and technical advisory services

## Other activities

# Updates on CSR-related activities of the International Training Centre of the ILO (ITC–ILO)
"""

FRENCH_SKELETON = """\
---
unit: ILO-Tokyo
paper: GB.300/MNE/2/1
---

# introduction

# Vers une approche plus cohérente et ciblée de la RSE

# Faits nouveaux concernant les activités du Bureau liées à la RSE

## Développement des connaissances

## Réunions tripartites et réunions d'experts

## Activités de promotion et services consultatifs techniques

## Autres activités

# Faits nouveaux concernant les activités du Centre international de formation de l'OIT (ITC–ILO) liées à la RSE
"""


@pytest.fixture
def paper(tmp_path):
    """The reference paper, in three languages, without ILO-Tokyo's submission."""
    folder = reference_copy(tmp_path, "paper")
    for path in folder.rglob("ilo-tokyo.md"):
        path.unlink()
    return folder


def test_new_writes_the_skeleton_and_its_translations(run, paper):
    result = run("new", "ILO-Tokyo", "paper")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "paper/ilo-tokyo.md\npaper/fr/ilo-tokyo.md\npaper/es/ilo-tokyo.md\n"
    assert (paper / "ilo-tokyo.md").read_text(encoding="utf-8") == SKELETON
    assert (paper / "fr" / "ilo-tokyo.md").read_text(encoding="utf-8") == FRENCH_SKELETON
    assert (paper / "es" / "ilo-tokyo.md").read_text(encoding="utf-8").startswith(
        "---\nunit: ILO-Tokyo\npaper: GB.300/MNE/2/1\n---\n\n# introduction\n\n"
        "# Hacia un enfoque más coherente y específico de la RSE\n")


def test_the_skeletons_check_cleanly_and_the_unit_is_missing_until_it_writes(run, paper):
    missing = "paper/paper.yaml:18:59: warning: contributor 'ILO-Tokyo' has sent no submission\n"
    assert run("check", "paper").stderr == missing
    run("new", "ILO-Tokyo", "paper")
    result = run("check", "paper")
    assert (result.exit_code, result.stderr) == (0, missing)
    for name in ("ilo-tokyo.md", "fr/ilo-tokyo.md", "es/ilo-tokyo.md"):
        path = paper / name
        path.write_text(path.read_text(encoding="utf-8").replace("\n# introduction\n", "\n# introduction\n\nTokyo.\n"),
                        encoding="utf-8")
    result = run("check", "paper")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_paper_in_one_language_gets_one_file(run, tmp_path):
    folder = reference_copy(tmp_path, "english", languages=False)
    (folder / "ilo-tokyo.md").unlink()
    result = run("new", "ILO-Tokyo", "english")
    assert (result.exit_code, result.stdout) == (0, "english/ilo-tokyo.md\n")
    assert (folder / "ilo-tokyo.md").read_text(encoding="utf-8") == SKELETON


def test_without_a_paper_dir_the_one_paper_under_inputs(run, tmp_path):
    (tmp_path / "inputs").mkdir()
    reference_copy(tmp_path / "inputs", "GB.300-MNE-2-1", languages=False)
    (tmp_path / "inputs" / "GB.300-MNE-2-1" / "ilo-tokyo.md").unlink()
    result = run("new", "ILO-Tokyo")
    assert (result.exit_code, result.stdout) == (0, "inputs/GB.300-MNE-2-1/ilo-tokyo.md\n")


def test_an_existing_file_is_never_overwritten(run, paper):
    before = (paper / "travail.md").read_bytes()
    result = run("new", "TRAVAIL", "paper")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("Error: paper/travail.md already exists; gbpaper new never overwrites a file\n")
    assert (paper / "travail.md").read_bytes() == before


def test_an_existing_translation_is_never_overwritten_and_nothing_is_written(run, paper):
    (paper / "fr" / "ilo-tokyo.md").write_text("mine\n", encoding="utf-8")
    result = run("new", "ILO-Tokyo", "paper")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: paper/fr/ilo-tokyo.md already exists; gbpaper new never "
                                  "overwrites a file\n")
    assert not (paper / "ilo-tokyo.md").exists()


def test_an_unknown_unit_is_refused_with_a_suggestion(run, paper):
    result = run("new", "ilo-tokio", "paper")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: unknown unit 'ilo-tokio': it is not in units.yaml; "
                                  "did you mean 'ILO-Tokyo'?\n")


def test_a_unit_that_is_not_a_contributor_is_refused(run, paper, tmp_path):
    assert "  - code: NORMES\n" in (tmp_path / "units.yaml").read_text(encoding="utf-8")
    result = run("new", "NORMES", "paper")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: unit 'NORMES' is not among the paper's contributors "
                                  "(paper.yaml, contributors)\n")
    assert not (paper / "normes.md").exists()


def test_a_units_yaml_with_an_error_names_no_unit_to_write_for(run, paper, tmp_path):
    """Its other entries are read, to check the paper's submissions, but gbpaper new writes
    nothing until it is right."""
    units = tmp_path / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "  - code: IPEC\n    name: Again\n"
                     "  - code: .hidden\n    name: Hidden\n", encoding="utf-8")
    lines = units.read_text(encoding="utf-8").count("\n")
    result = run("new", "ILO-Tokyo", "paper")
    assert (result.exit_code, result.stdout) == (1, "")
    first = next(i for i, line in enumerate(units.read_text(encoding="utf-8").splitlines(), 1) if "code: IPEC" in line)
    assert result.stderr == (
        f"units.yaml:{lines - 3}:11: error: unit code 'IPEC' given twice (first at line {first})\n"
        f"units.yaml:{lines - 1}:11: error: unit code '.hidden' must not start with '.': gbpaper new names the "
        "unit's file after it, and '.hidden.md' would be skipped as hidden\n")
    assert not (paper / "ilo-tokyo.md").exists()
