"""`gbpaper schema`: JSON Schemas generated from the models, committed under schemas/, that
accept every YAML file of inputs/ and refuse broken ones."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT
from gbpaper.cli import main
from gbpaper.schema import SYMBOL
from gbpaper.schemas import schema_files

COMMITTED = ROOT / "schemas"
SCHEMA_OF = {"paper.yaml": "paper.schema.json", "units.yaml": "units.schema.json"}  # else a submission


class Yaml12Loader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): a date stays a string."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(schema_files()[name]))


def problems(name: str, text: str) -> list[str]:
    return sorted(e.message for e in validator(name).iter_errors(yaml.load(text, Loader=Yaml12Loader)))


def test_committed_schemas_are_up_to_date():
    generated = schema_files()
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(generated)
    for name, data in generated.items():
        assert (COMMITTED / name).read_bytes() == data, (
            f"schemas/{name} is stale: run `make schemas` and commit it")


def test_the_schemas_are_valid_draft_7():
    for name, data in schema_files().items():
        schema = json.loads(data)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)


def test_every_field_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{where}: field '{key}' has no description"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for name, data in schema_files().items():
        walk(json.loads(data), name)


YAML_FILES = sorted((ROOT / "inputs").rglob("*.yaml")) + sorted((ROOT / "inputs").rglob("*.yml"))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_inputs_validates(path: Path):
    name = SCHEMA_OF.get(path.name, "submission.schema.json")
    assert problems(name, path.read_text(encoding="utf-8")) == []


def test_yaml_files_exist_to_validate():
    assert {p.name for p in YAML_FILES} >= {"paper.yaml", "units.yaml", "sector.yaml", "ilo-brussels.yml"}


PAPER = (ROOT / "inputs" / "GB.300-MNE-2-1" / "paper.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, text, expected", [
    ("paper.schema.json", PAPER.replace("purpose: information", "purpose: informaton"),
     ["'informaton' is not one of ['information', 'debate', 'decision']"]),
    ("paper.schema.json", PAPER.replace("\ntitle:", "\ntitel:"),
     ["'title' is a required property",
      "Additional properties are not allowed ('titel' was unexpected)"]),
    ("paper.schema.json", PAPER.replace("session: 300", "session: three hundred"),
     ["'three hundred' is not of type 'integer'"]),
    ("paper.schema.json", PAPER.replace("symbol: GB.300/MNE/2/1", "symbol: GB300-MNE"),
     [f"'GB300-MNE' does not match {SYMBOL.pattern!r}"]),
    ("paper.schema.json", PAPER.replace("{key: other,", "{key: Other Activities,"),
     ["'Other Activities' does not match '^[a-z0-9-]{1,40}$'"]),
    ("units.schema.json", "units:\n  - code: X\n    name: A unit with a code too short\n",
     ["'X' does not match '^[A-Za-z0-9/_.\\\\-]{2,40}$'"]),
    ("submission.schema.json", "unit: SECTOR\npaper: GB.300/MNE/2/1\n",
     ["'paragraphs' is a required property"]),
    ("submission.schema.json",
     "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - {section: knowledge, txt: Some text.}\n",
     ["{'section': 'knowledge', 'txt': 'Some text.'} is not valid under any of the given schemas",
      "Additional properties are not allowed ('txt' was unexpected)"]),
])
def test_a_broken_file_does_not_validate(name, text, expected):
    assert problems(name, text) == sorted(expected)


def test_schema_writes_the_files_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for out in ("one", "two"):
        result = CliRunner().invoke(main, ["schema", "-o", out], catch_exceptions=False)
        assert (result.exit_code, result.output) == (0, "")
    for name, data in schema_files().items():
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes() == data
