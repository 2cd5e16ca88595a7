"""A user's clone with a paper of their own under inputs/, as the README says to add one: the
tests that look at inputs/ still pass, and every paper there builds (issue of a new user)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT

TRACKED = ["src", "templates", "inputs", "outputs", "tests", "schemas", "benchmarks", "pyproject.toml", "Makefile"]


def test_a_paper_of_ones_own_under_inputs_breaks_no_test_and_builds(tmp_path):
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in TRACKED:
        source = ROOT / name
        if source.is_dir():
            built = ("*.docx", "*.pdf", ".gbpaper-record.json") if name == "outputs" else ()  # not in a clone
            shutil.copytree(source, clone / name, ignore=shutil.ignore_patterns("__pycache__", *built))
        else:
            shutil.copy(source, clone / name)
    own = clone / "inputs" / "my-paper"
    shutil.copytree(ROOT / "tests" / "corpus" / "_base" / "paper", own)
    units = (ROOT / "tests" / "corpus" / "_base" / "units.yaml").read_text(encoding="utf-8")
    (own / "units.yaml").write_text(units, encoding="utf-8")
    (own / "paper.yaml").write_text((own / "paper.yaml").read_text(encoding="utf-8")
                                    .replace("GB.300/MNE/2/1", "GB.301/MNE/9").replace("session: 300", "session: 301"),
                                    encoding="utf-8")
    for submission in own.iterdir():
        if submission.suffix in (".md", ".yaml") and submission.name not in ("paper.yaml", "units.yaml"):
            submission.write_text(submission.read_text(encoding="utf-8").replace("GB.300/MNE/2/1", "GB.301/MNE/9"),
                                  encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    built = subprocess.run([sys.executable, "-m", "gbpaper", "build", "--format", "txt"], cwd=clone, env=env,
                           capture_output=True, text=True)
    assert (built.returncode, built.stderr) == (0, "")
    assert (clone / "outputs" / "GB.301-MNE-9.en.txt").is_file()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_status.py",
                            "tests/test_cli.py", "tests/test_inputs.py", "tests/test_reference_paper.py"],
                           cwd=clone, env=env, capture_output=True, text=True)
    assert tests.returncode == 0, tests.stdout[-2000:]
