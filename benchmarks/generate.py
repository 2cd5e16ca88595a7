"""Synthetic papers for the benchmark: a paper's inputs repeated N times, and the same content as
one Markdown file for pandoc.

Every unit keeps its own format (Markdown or YAML) and its file holds its paragraphs N times over
(above 150x, in files of 150 copies each).
Copy 1 is the submission as written, so the 1x paper is the paper itself. Copies 2..N end every
paragraph and footnote with `(copy k)` and give their labels the suffix `-k`, so that the paper
grows in proportion: for GB.300/MNE/2/1, each copy adds 34 paragraphs, 8 footnotes, 3 list items,
2 paragraph labels and a cross-reference, all numbered through the whole paper. The plan keeps
only the original language: pandoc, to which the benchmark compares gbpaper, converts one
document.

    python -m benchmarks.generate --scale 150      # writes benchmarks/build/150x/
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path
from typing import Iterator

import yaml

from benchmarks import BUILD, ROOT, GeneratedPaper
from gbpaper import model
from gbpaper.diagnostics import Diagnostics
from gbpaper.load import PaperSources, Submission, load_paper
from gbpaper.outline import Outline
from gbpaper.pipeline import compile_paper
from gbpaper.schema import SectionPlan
from gbpaper.sources.markdown import split_front_matter
from gbpaper.sources.raw import RawParagraph
from gbpaper.sources.text import SourceText
from gbpaper.word_submission import from_submission

REFERENCE = ROOT / "inputs" / "GB.300-MNE-2-1"
# Copies per submission file: a unit's file stays under 1 MB (gbpaper refuses files over 5 MB).
COPIES_PER_FILE = 150

# `[^note]` and `[#label]` in unit text; escaped characters are matched first and kept.
_REFERENCE = re.compile(r"\\.|\[([\^#])([^\]\s]*)\]", re.S)
# What pandoc's Markdown would read as syntax in running text.
_PANDOC_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$^~|@&])")
# A block start that pandoc would read as a list marker: `1.`, `(a)`, `iv)`, `A.`, `-`, `+`.
_PANDOC_LIST_START = re.compile(r"^(\(?[A-Za-z0-9]+)([.)])(?=\s|$)|^([-+])(?=\s|$)")


def generate(scale: int, build: Path = BUILD, source: Path = REFERENCE) -> GeneratedPaper:
    """Writes `<build>/<scale>x/`: units.yaml, the paper's folder, `<stem>.md` for pandoc, and
    `word/`, the paper with its biggest Markdown submission as a Word document."""
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, not {scale}")
    sources = _load(source)
    keys = frozenset(_section_keys(sources.plan.sections))
    root = build / f"{scale}x"
    if root.exists():
        shutil.rmtree(root)
    folder = root / source.name
    folder.mkdir(parents=True)
    shutil.copyfile(_units_file(source), root / "units.yaml")
    plan = (source / "paper.yaml").read_text(encoding="utf-8")
    (folder / "paper.yaml").write_text(_original_language_only(plan), encoding="utf-8")
    for sub in sources.submissions:
        original = Path(sub.path)
        for part, copies in enumerate(_parts(scale), start=1):
            name = original.name if scale <= COPIES_PER_FILE else f"{original.stem}-{part:03d}{original.suffix}"
            if original.suffix == ".md":
                text = _markdown_submission(sub, original.read_text(encoding="utf-8"), copies, keys)
            else:
                text = _yaml_submission(sub, copies, keys)
            (folder / name).write_text(text, encoding="utf-8")
    paper = _compiled(folder)
    markdown = root / f"{paper.file_stem}.md"
    markdown.write_text(pandoc_markdown(paper), encoding="utf-8")
    paragraphs = paper.paragraphs
    word_folder, word_source = _word_variant(folder, root / "word")
    return GeneratedPaper(
        scale=scale,
        folder=folder,
        markdown=markdown,
        word_folder=word_folder,
        word_source=word_source,
        paragraphs=len(paragraphs),
        footnotes=sum(len(p.footnotes) for p in paragraphs),
        list_items=sum(len(p.parts) for p in paragraphs),
        cross_references=sum(1 for p in paragraphs for inlines in (p.content, *(part.content for part in p.parts))
                             for node in _walk(inlines) if isinstance(node, model.CrossRef)),
    )


def _word_variant(folder: Path, root: Path) -> tuple[Path, Path]:
    """A copy of the paper under root whose biggest Markdown submission is a Word document of the
    same content (gbpaper.word_submission), for `make bench` to time reading Word beside reading
    Markdown: (the copy's folder, the Markdown file that the copy has as Word)."""
    sources = _load(folder)
    biggest = max((sub for sub in sources.submissions if sub.path.endswith(".md")),
                  key=lambda sub: Path(sub.path).stat().st_size)
    plan = sources.plan
    outline = Outline(plan.sections, sources.plan_doc, Diagnostics(), plan.appendices)
    copy = root / folder.name
    shutil.copytree(folder, copy)
    shutil.copyfile(folder.parent / "units.yaml", root / "units.yaml")
    (copy / biggest.name).unlink()
    (copy / biggest.name).with_suffix(".docx").write_bytes(from_submission(biggest, outline))
    return copy, Path(biggest.path)


def _load(source: Path) -> PaperSources:
    diags = Diagnostics()
    sources = load_paper(source, diags)
    errors = [d.format() for d in diags.sorted() if d.severity == "error"]
    if sources is None or errors:
        raise ValueError(f"{source} does not load:\n" + "\n".join(errors))
    return sources


def _compiled(folder: Path) -> model.Paper:
    result = compile_paper(folder)
    errors = [d.format() for d in result.diagnostics.sorted() if d.severity == "error"]
    if result.paper is None or errors:
        raise ValueError(f"the generated paper {folder} has errors:\n" + "\n".join(errors[:20]))
    return result.paper


def _units_file(source: Path) -> Path:
    """units.yaml as gbpaper finds it: in the paper's folder, else in the folder above."""
    return next(p for p in (source / "units.yaml", source.parent / "units.yaml") if p.is_file())


def _original_language_only(plan: str) -> str:
    """The plan without its `languages` and `translations`: the benchmark builds, as pandoc
    converts, one document, the original."""
    root = yaml.compose(plan, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    lines = plan.split("\n")
    dropped: set[int] = set()
    for key, value in root.value:
        if key.value in ("languages", "translations"):
            start = key.start_mark.line
            while start > 0 and lines[start - 1].startswith("#"):  # the comment above the key
                start -= 1
            end = value.end_mark.line + (1 if value.end_mark.column else 0)
            dropped.update(range(start, end))
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def _section_keys(plans: list[SectionPlan]) -> list[str]:
    return [key for plan in plans for key in (plan.key, *_section_keys(plan.sections))]


def _parts(scale: int) -> list[range]:
    """Copies 1..scale cut into files of COPIES_PER_FILE copies."""
    return [range(first, min(first + COPIES_PER_FILE, scale + 1))
            for first in range(1, scale + 1, COPIES_PER_FILE)]


def _label(label: str, copy: int) -> str:
    return label if copy == 1 else f"{label}-{copy}"


def _tagged(text: str, copy: int) -> str:
    return text if copy == 1 else f"{text} (copy {copy})"


def _renamed(text: str, copy: int, section_keys: frozenset[str]) -> str:
    """text with its footnote references and paragraph cross-references pointing into its copy."""
    if copy == 1:
        return text

    def rename(match: re.Match) -> str:
        kind, label = match.group(1), match.group(2)
        if kind is None or (kind == "#" and label in section_keys):
            return match.group()
        return f"[{kind}{_label(label, copy)}]"

    return _REFERENCE.sub(rename, text)


def _lines(src: SourceText) -> list[str]:
    """src cut where its source lines began, so that a copy keeps the submission's wrapping."""
    starts = [offset for offset, _ in src.segments]
    ends = [offset - 1 for offset in starts[1:]] + [len(src.text)]
    return [line for line in (src.text[a:b].strip() for a, b in zip(starts, ends)) if line]


def _continued(lines: list[str]) -> str:
    """Lines of a list item or footnote: the ones after the first indented, as Markdown wants."""
    return "\n".join([lines[0], *("  " + line for line in lines[1:])])


def _markdown_submission(sub: Submission, original: str, copies: range, keys: frozenset[str]) -> str:
    front, _, _ = split_front_matter(original, sub.path, Diagnostics())
    blocks = [f"---\n{front}\n---"]
    for copy in copies:
        heading = None
        for para in sub.blocks:
            raw = para.raw
            assert isinstance(raw, RawParagraph), "the reference paper has no tables"
            if raw.section.text != heading:
                heading = raw.section.text
                blocks.append(f"# {heading}")
            lines = [_renamed(line, copy, keys) for line in _lines(raw.text)]
            lines[-1] = _tagged(lines[-1], copy)
            if raw.label is not None:
                lines[-1] += f" {{#{_label(raw.label.text, copy)}}}"
            items = ["- " + _continued([_renamed(line, copy, keys) for line in _lines(item.text)])
                     for item in raw.parts]
            blocks.append("\n".join(lines + items))
        for note in sub.notes:
            lines = [_renamed(line, copy, keys) for line in _lines(note.raw.text)]
            lines[-1] = _tagged(lines[-1], copy)
            blocks.append(f"[^{_label(note.raw.label, copy)}]: " + _continued(lines))
    return "\n\n".join(blocks) + "\n"


def _yaml_submission(sub: Submission, copies: range, keys: frozenset[str]) -> str:
    paragraphs, footnotes = [], {}
    for copy in copies:
        for para in sub.blocks:
            raw = para.raw
            assert isinstance(raw, RawParagraph), "the reference paper has no tables"
            entry = {"section": raw.section.text,
                     "text": _tagged(_renamed(raw.text.text, copy, keys), copy)}
            if raw.label is not None:
                entry["label"] = _label(raw.label.text, copy)
            if raw.parts:
                entry["bullets"] = [_renamed(item.text.text, copy, keys) for item in raw.parts]
            paragraphs.append(entry)
        for note in sub.notes:
            footnotes[_label(note.raw.label, copy)] = _tagged(_renamed(note.raw.text.text, copy, keys), copy)
    data = {"unit": sub.unit, "paper": sub.paper, "paragraphs": paragraphs, "footnotes": footnotes}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=90)


def _walk(nodes: model.Inlines) -> Iterator[model.Inline]:
    for node in nodes:
        yield node
        if isinstance(node, model.Emphasis):
            yield from _walk(node.children)


def _pandoc_text(text: str) -> str:
    return _PANDOC_SPECIAL.sub(r"\\\1", text)


def _pandoc_inlines(nodes: model.Inlines) -> str:
    out = []
    for node in nodes:
        if isinstance(node, model.Text):
            out.append(_pandoc_text(node.value))
        elif isinstance(node, model.Emphasis):
            mark = "*" if node.style == "italic" else "**"
            out.append(f"{mark}{_pandoc_inlines(node.children)}{mark}")
        elif isinstance(node, model.NoteRef):
            out.append(f"[^{node.number}]")
        else:
            out.append(_pandoc_text(node.value))
    return "".join(out)


def _pandoc_block_start(text: str) -> str:
    """text, with a start that pandoc would read as a list marker escaped."""
    return _PANDOC_LIST_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def pandoc_markdown(paper: model.Paper) -> str:
    """The paper as one pandoc Markdown file: the same lines, headings, numbered paragraphs,
    list items and footnotes as gbpaper's outputs, cross-references already resolved."""
    front = [line.text for line in paper.masthead] + [paper.purpose, paper.agenda, paper.title, paper.subtitle]
    blocks = [_pandoc_block_start(_pandoc_text(line)) for line in front if line]
    for block in paper.blocks:
        if isinstance(block, model.Heading):
            blocks.append(f"# {_pandoc_text(block.display)}")
            continue
        assert isinstance(block, model.Paragraph), "the reference paper has no tables"
        blocks.append(f"{block.number}\\. {_pandoc_inlines(block.content)}")
        if block.parts:
            blocks.append("\n".join(f"- {_pandoc_block_start(_pandoc_inlines(item.content))}"
                                    for item in block.parts))
        blocks.extend(f"[^{note.number}]: {_pandoc_inlines(note.content)}" for note in block.footnotes)
    blocks += [_pandoc_text(paper.date_line or ""), _pandoc_block_start(_pandoc_inlines(paper.closing))]
    return "\n\n".join(blocks) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the paper's content")
    parser.add_argument("--out", type=Path, default=BUILD, help=f"where to write (default {BUILD})")
    parser.add_argument("--json", action="store_true", help="describe the paper in JSON")
    args = parser.parse_args()
    paper = generate(args.scale, args.out)
    if args.json:
        print(paper.to_json())
        return
    print(f"{paper.folder}: {paper.paragraphs:,} paragraphs, {paper.footnotes:,} footnotes, "
          f"{paper.list_items:,} list items, {paper.cross_references:,} cross-references; "
          f"{paper.markdown} for pandoc")


if __name__ == "__main__":
    main()
