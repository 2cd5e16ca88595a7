"""`gbpaper status`: who has sent what, who has sent nothing, which sections are empty."""
from __future__ import annotations

import shutil

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from gbpaper.cli import main
from reference_copy import reference_copy

REFERENCE_STATUS = """\
GB.300/MNE/2/1 (inputs/GB.300-MNE-2-1), submissions due 2007-10-01

contributor      paragraphs  words  footnotes  files               sections
EMP/MULTI                 8    544          4  emp-multi.md        introduction 1, approach 6, office 1
IPEC                      2    109          0  ipec.md             knowledge 1, meetings 1
TRAVAIL                   2    272          1  travail.md          knowledge 1, promotion 1
EMP/SEED                  1     80          0  emp-seed.md         meetings 1
ACT/EMP                   1     40          0  act-emp.md          meetings 1
SECTOR                    3    194          2  sector.yaml         knowledge 1, meetings 1, promotion 1
IILS                      1     40          0  iils.md             knowledge 1
DIALOGUE                  1    123          0  dialogue.yaml       promotion 1
ILO/AIDS                  1     51          0  ilo-aids.md         other 1
RO-Asia-Pacific           1     56          1  ro-asia-pacific.md  knowledge 1
SRO-Bangkok               1     53          0  sro-bangkok.md      knowledge 1
SRO-Harare                1     25          0  sro-harare.md       meetings 1
ILO-Jakarta               1     53          0  ilo-jakarta.md      meetings 1
ILO-Tokyo                 1     94          0  ilo-tokyo.md        meetings 1
SRO-Budapest              1    164          0  sro-budapest.md     promotion 1
ILO-Brussels              1     19          0  ilo-brussels.yml    promotion 1
ITC-ILO                   7    502          0  itc-ilo.md          itc 7

Not yet submitted: none
Empty sections: none
Total: 34 paragraphs, 2,419 words, about 6 pages at 450 words a page
"""


@pytest.fixture
def run(monkeypatch):
    def invoke(*args: str, where=ROOT):
        monkeypatch.chdir(where)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_status_of_the_reference_paper(run):
    result = run("status", "inputs/GB.300-MNE-2-1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, REFERENCE_STATUS, "")


def test_without_a_paper_dir_every_paper_under_inputs(run, tmp_path):
    # A copy of inputs/ with two papers: the test holds whatever else a user keeps in inputs/.
    (tmp_path / "inputs").mkdir()
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "inputs")
    for name in ("GB.300-MNE-2-1", "GB.300-PFA-5"):
        shutil.copytree(ROOT / "inputs" / name, tmp_path / "inputs" / name)
    each = [run("status", f"inputs/{name}", where=tmp_path).stdout for name in ("GB.300-MNE-2-1", "GB.300-PFA-5")]
    assert each[0] == REFERENCE_STATUS
    assert run("status", where=tmp_path).stdout == "\n".join(each)


def test_status_in_json(run):
    result = run("status", "inputs/GB.300-MNE-2-1", "--format", "json")
    assert result.exit_code == 0
    [paper] = json.loads(result.stdout)
    assert [c["unit"] for c in paper.pop("contributors")][:3] == ["EMP/MULTI", "IPEC", "TRAVAIL"]
    assert paper == {
        "paper": "GB.300/MNE/2/1", "folder": "inputs/GB.300-MNE-2-1", "deadline": "2007-10-01",
        "not_submitted": [], "empty_sections": [], "paragraphs": 34, "words": 2419, "pages": 6,
        "words_per_page": 450,
    }
    sector = json.loads(result.stdout)[0]["contributors"][5]
    assert sector == {"unit": "SECTOR", "files": ["sector.yaml"],
                      "paragraphs": {"knowledge": 1, "meetings": 1, "promotion": 1}, "words": 194,
                      "footnotes": 2}


def test_contributors_who_sent_nothing_and_sections_still_empty(run, tmp_path):
    paper = reference_copy(tmp_path, "paper")
    (paper / "ilo-aids.md").unlink()
    (paper / "ilo-tokyo.md").write_text("---\nunit: ILO-Tokyo\npaper: GB.300/MNE/2/1\n---\n\n# meetings\n",
                                        encoding="utf-8")
    result = run("status", "paper", where=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "GB.300/MNE/2/1 (paper), submissions due 2007-10-01"
    assert lines[11] == "ILO/AIDS                  0      0          0  -                   -"
    assert lines[16] == "ILO-Tokyo                 0      0          0  ilo-tokyo.md        -"
    assert lines[-3:] == [
        "Not yet submitted: ILO/AIDS, ILO-Tokyo",
        "Empty sections: other",
        "Total: 32 paragraphs, 2,274 words, about 6 pages at 450 words a page",
    ]


def test_a_broken_submission_is_reported_and_the_rest_still_shown(run, tmp_path):
    paper = reference_copy(tmp_path, "paper")
    (paper / "ilo-brussels.yml").write_text("unit: ILO-Brussels\nparagraphs: [\n", encoding="utf-8")
    result = run("status", "paper", where=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("paper/ilo-brussels.yml:3:1: error: YAML syntax error")
    assert "Not yet submitted: ILO-Brussels\n" in result.stdout
