"""Pydantic models of the input files: units.yaml, paper.yaml and the submissions.

Each model forbids unknown keys, so a misspelt field never passes silently. Values arrive as
the text the author wrote (see sources/yaml_source.py) and the models give them their types.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Callable, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator,
                      model_validator)

from gbpaper.diagnostics import quote
from gbpaper.sources.text import fold

UNIT_CODE = r"^[A-Za-z0-9/_.\-]{2,40}$"
SECTION_KEY = r"^[a-z0-9-]{1,40}$"
# GB.<session>/<segment>/.../<item>[/<part>], then revision, addendum, corrigendum marks.
SYMBOL = re.compile(r"^GB\.(\d{1,4})(/[A-Za-z0-9][A-Za-z0-9.\-]*)*/\d+(/\d+)?"
                    r"(\((Rev|Add|Corr)\.(\d+)?\))*$")
_SUFFIX = re.compile(r"\([^()]*\)")

UnitCode = Annotated[str, StringConstraints(pattern=UNIT_CODE)]
SectionKey = Annotated[str, StringConstraints(pattern=SECTION_KEY)]
def _one_line(value: object) -> object:
    """A printed line: YAML's line breaks and runs of spaces in it become single spaces."""
    return fold(value) if isinstance(value, str) else value


Line = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_one_line)]
Cell = Annotated[str, BeforeValidator(_one_line)]  # a table cell may be empty


def _text_entry(value: object) -> object:
    """A list entry written as text alone stands for `{text: ...}`."""
    return {"text": value} if isinstance(value, str) else value


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Unit(StrictModel):
    """A unit of the Office that may submit to papers."""

    code: UnitCode = Field(description="The unit's code, as submissions and paper.yaml write it")
    name: Line = Field(description="The unit's full name")


class UnitsFile(StrictModel):
    units: list[Unit] = Field(description="Every unit that may submit to a paper")


class SectionPlan(StrictModel):
    """A section of the paper's outline, in reading order."""

    key: SectionKey = Field(description="The key submissions use to name the section")
    heading: Line | None = Field(None, description="The printed heading; none for an introduction")
    numbering: Literal["roman", "letter", "none"] | None = Field(
        None, description="roman: I., II., ...; letter: A., B., ...; each style counts through the "
        "paper in reading order. Default none")
    numbered: bool = Field(False, description="The same as numbering: roman")
    sections: list[SectionPlan] = Field(default_factory=list, description="Nested sections")

    @model_validator(mode="after")
    def numbered_needs_heading(self) -> SectionPlan:
        if self.style != "none" and self.heading is None:
            raise ValueError("a numbered section needs a heading")
        return self

    @property
    def style(self) -> Literal["roman", "letter", "none"]:
        return self.numbering or ("roman" if self.numbered else "none")


LANGUAGE = r"^[a-z]{2}$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE)]


def _not_null(schema: dict[str, Any]) -> None:
    """A field's JSON Schema without the `null` that `X | None` adds: the field may be left out,
    not written empty."""
    options = [option for option in schema.pop("anyOf", []) if option != {"type": "null"}]
    if len(options) == 1:
        schema.update(options[0])


def _written_as_number(schema: dict[str, Any]) -> None:
    """A field whose values are years: `layout: 2011` is a number to a YAML parser (gbpaper
    reads every value as the text written)."""
    schema.pop("type", None)
    schema["enum"] = [int(value) for value in schema["enum"]] + schema["enum"]


class Summary(StrictModel):
    """The "Purpose of the document" box of the 2011 layout: its fields print in this order."""

    purpose: Line = Field(description="What the paper is for; may refer to the draft decision: [#draft-decision]")
    strategic_objective: Line | None = Field(None, description="Relevant strategic objective")
    outcome: Line | None = Field(None, description="Main relevant outcome/cross-cutting policy driver")
    policy: Line | None = Field(None, description="Policy implications")
    legal: Line | None = Field(None, description="Legal implications")
    financial: Line | None = Field(None, description="Financial implications")
    follow_up: Line | None = Field(None, description="Follow-up action required")
    author_unit: Line | None = Field(None, description="Author unit")
    related: Line | None = Field(None, description="Related documents")


# The box's fields after its purpose, in the order they print.
SUMMARY_FIELDS = ("strategic_objective", "outcome", "policy", "legal", "financial", "follow_up", "author_unit",
                  "related")


class AppendixPlan(StrictModel):
    """An appendix (or annex), printed after the paper's closing lines."""

    key: SectionKey = Field(description="The key submissions use to name it; [#key] prints its numeral")
    title: Line = Field(description="Printed under the appendix's label")
    numbering: Literal["none", "own"] = Field(
        "none", description="none: paragraphs unnumbered; own: numbered 1, 2, 3 afresh")
    label: Literal["appendix", "annex"] = Field("appendix", description="Appendix I, or Annex I")
    sections: list[SectionPlan] = Field(default_factory=list, description="Its sections, as in sections")


class Translation(StrictModel):
    """What a language version says that is not the units' text."""

    title: Line = Field(description="The title in this language")
    subtitle: Line | None = Field(None, description="The subtitle; required when the original has one")
    committee: Line | None = Field(None, description="The committee; required when the original names one")
    body: Line | None = Field(None, description="The body; default from the language's phrase table")
    place: Line = Field(description="The place in this language, e.g. Genève")
    closing: Line | None = Field(None, description="The closing line; default from the phrase table")
    headings: dict[str, Line] = Field(
        default_factory=dict, description="The heading of every section that has one, by section key")
    segment: Line | None = Field(None, description="The segment; required when the original names one")
    summary: Summary | None = Field(None, description="The summary box; required when the original has one")
    appendices: dict[str, Line] = Field(default_factory=dict, description="The title of every appendix, by key")
    notice: Line | None = Field(None, description="The notice; the original's when not given (with a warning)")
    stamp: Line | None = Field(None, description="This language's Word file stamp")


class PaperPlan(StrictModel):
    symbol: str = Field(description="The paper's symbol, e.g. GB.300/MNE/2/1",
                        json_schema_extra={"pattern": SYMBOL.pattern})
    layout: Literal["2007", "2011"] = Field(
        "2007", description="2007: the masthead of inputs.md; 2011: session dates, Date:, Original:, the summary box",
        json_schema_extra=_written_as_number)
    session: int = Field(gt=0, description="The session number; equals the number in the symbol")
    session_month: str | None = Field(None, description="YYYY-MM of the session, for the masthead (2007 layout)",
                                      json_schema_extra={"pattern": r"^\d{4}-(0[1-9]|1[0-2])$"})
    session_dates: list[dt.date] | None = Field(
        None, min_length=2, max_length=2, description="The session's first and last day (2011 layout)")
    body: Line | None = Field(None, description="The body the paper goes to; default Governing Body")
    committee: Line | None = Field(None, description="The committee (2011 layout: the Governing Body's section)")
    committee_code: Line | None = Field(None, description="The committee's code, e.g. MNE")
    segment: Line | None = Field(None, description="The segment, e.g. MNE Segment (2011 layout)")
    purpose: Literal["information", "debate", "decision"] | None = Field(
        None, description="Gives the purpose line (2007 layout, where it is required)",
        json_schema_extra=_not_null)
    agenda_item: int | None = Field(None, ge=1, le=99, description="The item on the agenda, 1 to 99")
    title: Line = Field(description="The paper's title")
    subtitle: Line | None = Field(None, description="The paper's subtitle")
    place: Line = Field(description="Where the paper is dated, e.g. Geneva")
    date: dt.date = Field(description="The date line's date (2011 layout: the Date: line), YYYY-MM-DD")
    language: Language = Field("en", description="The language of the original, e.g. en")
    original: Language | None = Field(None, description="Original: <language> in the masthead (2011 "
                                      "layout); default language")
    notice: Line | None = Field(None, description="Printed above the masthead, in any layout")
    stamp: Line | None = Field(None, description="The Word file's stamp, at the foot of page 1 of the Word paper")
    summary: Summary | None = Field(None, description="The Purpose of the document box (2011 layout)")
    languages: list[Language] | None = Field(
        None, description="Every language the paper is issued in; default: the original's alone")
    translations: dict[Language, Translation] = Field(
        default_factory=dict, description="For each language other than the original: its wording")
    author: UnitCode = Field(description="The coordinating unit")
    contributors: list[UnitCode] = Field(min_length=1, description="Units in the order their paragraphs appear")
    deadline: dt.date | None = Field(None, description="When submissions are due, YYYY-MM-DD")
    sections: list[SectionPlan] = Field(min_length=1, description="The paper's outline, in order")
    closing: Line | None = Field(None, description="The closing line. 2007 layout: default from purpose, "
                                 "required for a decision paper; 2011 layout: printed only when given")
    appendices: list[AppendixPlan] = Field(default_factory=list, description="Appendices or annexes, after "
                                           "the closing lines")

    @field_validator("symbol")
    @classmethod
    def gb_symbol(cls, value: str) -> str:
        if not SYMBOL.match(value):
            if _SUFFIX.search(value) and SYMBOL.match(_SUFFIX.sub("", value)):
                raise ValueError(f"{quote(value)} ends with a mark that is not one of (Rev.), (Rev.N), "
                                 "(Add.), (Add.N), (Corr.), (Corr.N)")
            raise ValueError(f"{quote(value)} is not a GB symbol (GB.<session>/<segment>/.../<item>)")
        return value

    @field_validator("session_month")
    @classmethod
    def year_month(cls, value: str | None) -> str | None:
        if value is None:
            return value
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"{quote(value)} is not a month written YYYY-MM")
        return value

    @field_validator("session_dates", mode="before")
    @classmethod
    def iso_dates(cls, value: object) -> object:
        if isinstance(value, list) and len(value) != 2:
            raise ValueError(f"session_dates are two dates, the session's first and last day "
                             f"([2016-03-10, 2016-03-24]); not {len(value)}")
        return [cls.iso_date(v) for v in value] if isinstance(value, list) else value

    @field_validator("date", "deadline", mode="before")
    @classmethod
    def iso_date(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{quote(value)} is not a date written YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{quote(value)} is not a date: {exc}") from None

    @property
    def all_languages(self) -> list[str]:
        return self.languages or [self.language]

    @property
    def symbol_session(self) -> int:
        match = SYMBOL.match(self.symbol)
        assert match is not None, "the validator took only GB symbols"
        return int(match.group(1))


class FrontMatter(StrictModel):
    unit: UnitCode = Field(description="The submitting unit's code, from units.yaml")
    paper: str = Field(description="The symbol of the paper this submission is for",
                       json_schema_extra={"pattern": SYMBOL.pattern})


_TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1}


def _text_or_mapping(field: str, extra: dict[str, object] | None = None) -> Callable[[dict[str, Any]], None]:
    """A model's JSON Schema edit: the entries of its list `field` are text or a mapping (the
    model's validator turns text into `{text: ...}`, which the generated schema does not say)."""
    def edit(schema: dict[str, Any]) -> None:
        entries = schema["properties"][field]
        entries["items"] = {"anyOf": [_TEXT_SCHEMA, entries["items"]]}
        schema.update(extra or {})
    return edit


class YamlSubItem(StrictModel):
    """A sub-item, (i), (ii)...: its text alone, or text and label."""

    text: Line = Field(description="The sub-item, with the same inline syntax as a paragraph")
    label: str | None = Field(None, description="A label: [#label] prints 19(b)(ii)")


class YamlLettered(StrictModel):
    """A lettered item, (a), (b)...: its text alone, or text, label and sub-items."""

    model_config = ConfigDict(json_schema_extra=_text_or_mapping("items"))

    text: Line = Field(description="The item, with the same inline syntax as a paragraph")
    label: str | None = Field(None, description="A label: [#label] prints 19(b)")
    items: list[Annotated[YamlSubItem, BeforeValidator(_text_entry)]] = Field(
        default_factory=list, description="Its sub-items, lettered (i), (ii)... by gbpaper")


class YamlTable(StrictModel):
    """A table: a header row and rows of cells, with the same inline syntax as a paragraph."""

    caption: Line | None = Field(None, description="Numbered Table 1., Table 2. ... when given")
    label: str | None = Field(None, description="A label: [#label] prints the table's number")
    align: list[Literal["left", "right", "center"]] | None = Field(
        None, description="One per column; default left")
    header: list[Cell] = Field(min_length=1, description="The header row's cells")
    rows: list[list[Cell]] = Field(default_factory=list, description="The rows, each a list of cells")


_PARTS = {"bullets": "dash items", "lettered": "lettered items", "quote": "a quotation"}


class YamlParagraph(StrictModel):
    """A paragraph of a YAML submission, or a table (`table:` instead of `text:`)."""

    model_config = ConfigDict(json_schema_extra=_text_or_mapping(
        "lettered", {"oneOf": [{"required": ["text"]}, {"required": ["table"]}]}))

    section: Line = Field(description="The section: its key or its heading text")
    text: Line | None = Field(None, description="The paragraph, with the same inline syntax as Markdown",
                              json_schema_extra={"anyOf": [_TEXT_SCHEMA]})
    table: YamlTable | None = Field(None, description="A table in place of a paragraph")
    label: str | None = Field(None, description="A label for cross-references: [#label]")
    bullets: list[Line] = Field(default_factory=list, description="The paragraph's dash items")
    lettered: list[Annotated[YamlLettered, BeforeValidator(_text_entry)]] = Field(
        default_factory=list, description="The paragraph's lettered items, (a), (b)... by gbpaper")
    quote: list[Line] = Field(default_factory=list, description="A displayed quotation, a paragraph an entry")

    def problems(self) -> list[tuple[str | None, str]]:
        """What makes the entry neither one paragraph nor one table, each with the key it is
        at (None: the entry itself). Checked where the file is read, so as to point at the key."""
        if self.text is None and self.table is None:
            return [(None, "an entry of paragraphs needs text (a paragraph) or table (a table)")]
        if self.text is not None and self.table is not None:
            return [("table", "an entry of paragraphs has text (a paragraph) or table (a table), not both")]
        if self.table is not None:
            return [(name, f"a table has no {name}" + "; its label goes under table:" * (name == "label"))
                    for name in ("label", "bullets", "lettered", "quote") if getattr(self, name)]
        parts = [name for name in _PARTS if getattr(self, name)]
        return [(name, f"a paragraph has one kind of trailing part, and this one has {_PARTS[parts[0]]} "
                 f"already ({parts[0]}): {_PARTS[name]} ({name}) would need a paragraph of their own")
                for name in parts[1:]]


class YamlSubmission(FrontMatter):
    paragraphs: list[YamlParagraph] = Field(min_length=1, description="The unit's paragraphs, in order")
    footnotes: dict[str, Line] = Field(default_factory=dict, description="Footnote texts by label")
