"""A unit's new submission, ready to fill in: its front matter and the paper's outline.

Every section of the plan becomes a heading, by its heading text (so that a unit's editor sees
the paper's outline) or, for a section without one, by its key. The headings leave out the
numerals, which change when the coordinating unit adds a numbered section. A heading with no
paragraph under it adds nothing to the paper, so the file checks cleanly as it is written; the
unit writes its paragraphs under the headings it needs and may delete the others.

A paper issued in several languages gets the file's translations too, in `fr/`, `es/`, ...,
under the translated headings, so that the paper stays aligned and checks cleanly.
"""
from __future__ import annotations

from gbpaper.diagnostics import Diagnostics
from gbpaper.outline import Outline
from gbpaper.schema import PaperPlan
from gbpaper.sources.yaml_source import YamlDoc


def file_name(unit: str) -> str:
    """`emp-multi.md` for EMP/MULTI: the code in lower case, `/` as `-`."""
    return unit.lower().replace("/", "-") + ".md"


def skeletons(unit: str, plan: PaperPlan, plan_doc: YamlDoc) -> dict[str, str]:
    """The unit's Markdown submission, and its translations, by path in the paper's folder."""
    outline = Outline(plan.sections, plan_doc, Diagnostics(), plan.appendices)
    name = file_name(unit)
    files = {name: _skeleton(unit, plan.symbol, outline)}
    for lang in dict.fromkeys(plan.all_languages):
        if lang != plan.language:
            entry = plan.translations.get(lang)
            translated = outline.translated(entry.headings if entry else {}, entry.appendices if entry else {})
            files[f"{lang}/{name}"] = _skeleton(unit, plan.symbol, translated)
    return files


def _skeleton(unit: str, symbol: str, outline: Outline) -> str:
    """The front matter, then each section by its heading, or by its key where it has none or
    where the heading would name another section too."""
    lines = ["---", f"unit: {unit}", f"paper: {symbol}", "---"]
    for section in outline.sections:
        marks = "#" * min(len(list(outline.lineage(section))), 3)  # an appendix's sections under it
        heading = outline.name(section)
        name = heading if heading and outline.find(heading) is section else section.key
        lines += ["", f"{marks} {name}"]
    return "\n".join(lines) + "\n"
