"""The inline syntax (spec/inputs.md): *italic*, **bold**, \\ escapes, [^note] and [#label]."""
from __future__ import annotations

import pytest

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.inline import RawCrossRef, RawEmphasis, RawNoteRef, parse_inline
from gbpaper.sources.text import SourceText


def at(col: int, line: int = 7) -> Location:
    return Location("unit.md", line, col)


def italic(*children):
    return RawEmphasis("italic", children)


def bold(*children):
    return RawEmphasis("bold", children)


def parsed(text: str, notes_allowed: bool = True) -> tuple:
    """text, read at line 7, column 1 of unit.md: (its inline content, its diagnostics)."""
    diags = Diagnostics()
    content = parse_inline(SourceText.at(text, at(1)), diags, notes_allowed)
    return content, [d.format() for d in diags.sorted()]


@pytest.mark.parametrize("text, content", [
    ("Plain text.", ("Plain text.",)),
    (r"5 \* 3", ("5 * 3",)),
    (r"C:\\reports", ("C:\\reports",)),
    (r"\*not italic\*", ("*not italic*",)),
    (r"\[^a] and \[#b]", ("[^a] and [#b]",)),
    (r"\a\b", ("ab",)),
    ("[a] and [", ("[a] and [",)),
    ("a # and ^ and ]", ("a # and ^ and ]",)),
])
def test_escapes_and_plain_characters_are_text(text, content):
    assert parsed(text) == (content, [])


@pytest.mark.parametrize("text, content", [
    ("*a*", (italic("a"),)),
    ("**a**", (bold("a"),)),
    ("x *a* y **b** z", ("x ", italic("a"), " y ", bold("b"), " z")),
    ("*a **b** c*", (italic("a ", bold("b"), " c"),)),
    ("**a *b* c**", (bold("a ", italic("b"), " c"),)),
    ("***a***", (bold(italic("a")),)),
    ("***a** b*", (italic(bold("a"), " b"),)),
    ("***a* b**", (bold(italic("a"), " b"),)),
    (r"*5 \* 3*", (italic("5 * 3"),)),
])
def test_emphasis_nests(text, content):
    assert parsed(text) == (content, [])


@pytest.mark.parametrize("text, content", [
    ("Text.[^a] More", ("Text.", RawNoteRef("a", at(6)), " More")),
    ("See [#plan].", ("See ", RawCrossRef("plan", at(5)), ".")),
    ("[#ilo-aids] first", (RawCrossRef("ilo-aids", at(1)), " first")),
    ("*see [#p]*[^n]", (italic("see ", RawCrossRef("p", at(6))), RawNoteRef("n", at(11)))),
    ("a[^1] b[^x.2_y:z]", ("a", RawNoteRef("1", at(2)), " b", RawNoteRef("x.2_y:z", at(8)))),
])
def test_note_references_and_cross_references_know_their_columns(text, content):
    assert parsed(text) == (content, [])


def test_locations_follow_wrapped_lines():
    # "one two[^a] [#b]" joined from "one" (line 7, column 1) and "two[^a] [#b]" (line 8, column 3).
    src = SourceText("one two[^a] [#b]", ((0, at(1)), (4, at(3, line=8))))
    diags = Diagnostics()
    assert parse_inline(src, diags) == (
        "one two", RawNoteRef("a", at(6, line=8)), " ", RawCrossRef("b", at(11, line=8)),
    )
    assert diags.items == []


@pytest.mark.parametrize("text, message", [
    ("A *claim.", "unit.md:7:3: error: '*' opens italic text that is never closed "
                  "(write \\* for a literal asterisk)"),
    ("A **claim.", "unit.md:7:3: error: '**' opens bold text that is never closed "
                   "(write \\* for a literal asterisk)"),
    ("Text[^a and more.", "unit.md:7:5: error: '[^' opens a footnote reference that is never closed with ']'"),
    ("See [#a and more.", "unit.md:7:5: error: '[#' opens a cross-reference that is never closed with ']'"),
    ("Text.[^a]. [^b]", "unit.md:7:12: error: two footnote markers with only punctuation between them; "
     "write them side by side for two notes at one place ([^a][^...]), or put words between them"),
])
def test_syntax_errors_are_reported_at_their_column(text, message):
    assert parsed(text)[1] == [message]


def test_a_footnote_reference_where_notes_are_not_allowed_is_an_error():
    assert parsed("As in GB.298/10.[^a]", notes_allowed=False)[1] == [
        "unit.md:7:17: error: a footnote reference is not allowed in a footnote or in the closing line",
    ]
