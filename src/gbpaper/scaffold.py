"""A unit's new submission, ready to fill in: its front matter and the paper's outline.

Every section of the plan becomes a heading, by its heading text (so that a unit's editor sees
the paper's outline) or, for a section without one, by its key. The headings leave out the
numerals, which change when the coordinating unit adds a numbered section. A heading with no
paragraph under it adds nothing to the paper, so the file checks cleanly as it is written; the
unit writes its paragraphs under the headings it needs and may delete the others.

A paper issued in several languages gets the file's translations too, in `fr/`, `es/`, ...,
under the translated headings, so that the paper stays aligned and checks cleanly.

The files are Markdown, or Word documents (`gbpaper new --docx`): the front lines as paragraphs
and the headings in Word's built-in heading styles, Heading 1 to 3.
"""
from __future__ import annotations

from gbpaper.diagnostics import Diagnostics
from gbpaper.outline import Outline
from gbpaper.schema import PaperPlan
from gbpaper.sources.yaml_source import YamlDoc


def file_name(unit: str, suffix: str = ".md") -> str:
    """`emp-multi.md` for EMP/MULTI: the code in lower case, `/` as `-`."""
    return unit.lower().replace("/", "-") + suffix


def skeletons(unit: str, plan: PaperPlan, plan_doc: YamlDoc, word: bool = False) -> dict[str, bytes]:
    """The unit's submission, Markdown or Word, and its translations, by path in the paper's
    folder."""
    outline = Outline(plan.sections, plan_doc, Diagnostics(), plan.appendices)
    name = file_name(unit, ".docx" if word else ".md")
    write = _word if word else _markdown
    files = {name: write(unit, plan.symbol, _headings(outline))}
    for lang in dict.fromkeys(plan.all_languages):
        if lang != plan.language:
            entry = plan.translations.get(lang)
            translated = outline.translated(entry.headings if entry else {}, entry.appendices if entry else {})
            files[f"{lang}/{name}"] = write(unit, plan.symbol, _headings(translated))
    return files


def _headings(outline: Outline) -> list[tuple[int, str]]:
    """(level, name) of each section: its heading, or its key where it has none or where the
    heading would name another section too; an appendix's sections a level under it."""
    found = []
    for section in outline.sections:
        heading = outline.name(section)
        name = heading if heading and outline.find(heading) is section else section.key
        found.append((min(len(list(outline.lineage(section))), 3), name))
    return found


def _markdown(unit: str, symbol: str, headings: list[tuple[int, str]]) -> bytes:
    """The front matter, then a `#` heading for each section."""
    lines = ["---", f"unit: {unit}", f"paper: {symbol}", "---"]
    for level, name in headings:
        lines += ["", f"{'#' * level} {name}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _word(unit: str, symbol: str, headings: list[tuple[int, str]]) -> bytes:
    """The front lines, then a paragraph in a heading style for each section; all the template's
    styles are kept, for the unit's editor to write with."""
    from gbpaper.word_submission import WordWriter, front, heading  # python-docx, only when asked

    return WordWriter().add(*front(unit, symbol), *(heading(name, level) for level, name in headings)).save(lean=False)
