"""Write templates/gb-reference.docx, the house style of the Word paper (`make reference-docx`).

gbpaper takes from that document everything but the words: the named GB styles, the dash list,
the A4 page, the headers and footers, the footnote separators. This script wrote it and shows
in one readable place what each style is. An editor restyles the paper by opening the .docx in
Word and changing its styles; running this script again discards such changes.

The document's body is a sample paper, written by gbpaper's own renderer, so that an editor sees
every style at work (the 2011 masthead's own styles are named in its box, since a paper has one
masthead). The renderer replaces that body with the paper it builds, and the sample's stamp at the
foot of page 1 (GB Stamp) with the paper's, or with nothing.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import NamedTuple

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm

from gbpaper.diagnostics import Diagnostics
from gbpaper.model import (
    Appendix,
    Caption,
    DashItem,
    Emphasis,
    Footnote,
    Heading,
    Inline,
    LetteredItem,
    MastheadLine,
    NoteRef,
    Paper,
    Paragraph,
    Part,
    QuotedParagraph,
    Summary,
    SummaryField,
    Table,
    Text,
)
from gbpaper.render.docx import (
    AGENDA,
    APPENDIX_LABEL,
    APPENDIX_TITLE,
    BORDER,
    CELL_MARGIN,
    COMMITTEE,
    COMMITTEE_CODE,
    FOOTNOTE_REFERENCE,
    FOOTNOTE_TEXT,
    HEADER,
    HEADING_1,
    HEADING_2,
    HEADING_3,
    HEADING_NUMBERED,
    LETTERED_ITEM,
    LETTERED_SUBITEM,
    LIST_ITEM,
    MASTHEAD_BODY,
    MASTHEAD_DATE,
    MASTHEAD_LINE,
    MASTHEAD_OFFICE,
    MASTHEAD_SESSION,
    MASTHEAD_SYMBOL,
    NOTICE,
    PARAGRAPH,
    PARAGRAPH_UNNUMBERED,
    QUOTATION,
    SEGMENT,
    STAMP,
    STYLES,
    SUMMARY_HEADING,
    SUMMARY_TEXT,
    TABLE,
    TABLE_BORDERS,
    TABLE_CAPTION,
    TABLE_HEADING,
    TABLE_TEXT,
    TITLE,
    WORD_IGNORABLE,
    WORD_NAMESPACES,
    read_reference,
    render_docx,
)

# Geometry, in twips (1/20 pt; 567 to the centimetre).
NUMBER_INDENT = 709  # a paragraph's text starts here, its number at the margin
ITEM_INDENT = 1134  # a list item's text starts here, its dash at NUMBER_INDENT
LETTER_INDENT = 1276  # a lettered item's text starts here, its letter at NUMBER_INDENT
SUBLETTER_INDENT = 1843  # a sub-item's text starts here, its numeral at LETTER_INDENT
QUOTE_RIGHT = 567  # a quotation's right indent; its left one is LETTER_INDENT

TIMES = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
BOLD = "<w:b/>"
FOOTER = "GB Footer"


class Style(NamedTuple):
    """A named style as WordprocessingML: the contents of its w:pPr and w:rPr (and w:tblPr)."""

    name: str
    paragraph: str = ""
    run: str = ""
    based_on: str | None = "GB Base"
    kind: str = "paragraph"
    next: str | None = None
    table: str = ""  # the contents of a table style's w:tblPr


def spacing(before: int = 0, after: int = 240) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'


def align(value: str) -> str:
    return f'<w:jc w:val="{value}"/>'


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def hanging(text_at: int, mark_at: int) -> str:
    """A tab stop and a hanging indent: the text at `text_at`, the first line's number or
    letter, then a tab, at `mark_at`."""
    return (f'<w:tabs><w:tab w:val="left" w:pos="{text_at}"/></w:tabs>'
            f'<w:ind w:left="{text_at}" w:hanging="{text_at - mark_at}"/>')


def heading(level: int) -> str:
    """A heading's paragraph: kept with the next, at the left, at its level in Word's outline."""
    return ("<w:keepNext/>" + spacing(before=240) + align("left")
            + f'<w:outlineLvl w:val="{level - 1}"/>')


def table_properties() -> str:
    """GB Table: the rules of TABLE_BORDERS all round and between the cells, the cells'
    margins at their sides."""
    edges = "".join(
        f"<w:{edge} " + " ".join(f'w:{key}="{value}"' for key, value in BORDER.items()) + "/>"
        for edge in TABLE_BORDERS
    )
    return (f"<w:tblBorders>{edges}</w:tblBorders><w:tblCellMar>"
            f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
            "</w:tblCellMar>")


TIGHT, ROW, CELL = spacing(after=0), spacing(before=240, after=0), spacing(before=60, after=60)
ITALIC = "<w:i/>"


def style_sheet(dash_list: int) -> tuple[Style, ...]:
    """Every style of the paper; `dash_list` is the numId of the list items' dash. Elements in
    w:pPr and w:rPr keep the schema's order, as Word insists: keepNext, pageBreakBefore,
    widowControl, numPr, tabs, spacing, ind, contextualSpacing, jc, outlineLvl; rFonts, b, i, sz,
    vertAlign. Every paragraph style is based on GB Base, whose widow and orphan control keeps
    a paragraph's first or last line from standing alone at the foot or the head of a page; the
    headings, the box's heading, a table's caption and an appendix's label and title are kept
    with the paragraph after them (render.docx.KEPT_WITH_NEXT)."""
    return (
        Style("GB Base", "<w:widowControl/>" + spacing() + align("both"), TIMES + size(24),
              based_on="Normal"),
        Style(NOTICE, spacing() + align("both"), size(16)),
        Style(MASTHEAD_OFFICE, TIGHT + align("left"), BOLD + size(22)),
        Style(MASTHEAD_BODY, TIGHT + align("left"), BOLD + size(32)),
        Style(MASTHEAD_SYMBOL, TIGHT + align("right"), BOLD),
        Style(MASTHEAD_LINE, TIGHT + align("right")),
        # The 2011 masthead: the session line at the left, under the body; Date: and Original:
        # at the right, a line's space above and below the pair, none between them.
        Style(MASTHEAD_SESSION, spacing(before=120, after=0) + align("left"), BOLD),
        Style(MASTHEAD_DATE, spacing(before=240, after=240) + "<w:contextualSpacing/>" + align("right")),
        Style(COMMITTEE, ROW + align("left"), BOLD),
        Style(COMMITTEE_CODE, ROW + align("right"), BOLD + size(32)),
        Style(SEGMENT, TIGHT + align("left"), BOLD),
        Style("GB Purpose", spacing(before=360) + align("right"), BOLD),
        Style(AGENDA, spacing(before=120) + align("center"), BOLD),
        Style(TITLE, spacing(before=120) + align("center"), BOLD),
        Style("GB Subtitle", align("center"), BOLD, next="GB Paragraph"),
        # The summary box's text, inside its frame (which the renderer draws on the table).
        Style(SUMMARY_HEADING, "<w:keepNext/>" + spacing(after=120) + align("left"), BOLD),
        Style(SUMMARY_TEXT, spacing(after=120) + align("left"), size(22)),
        Style(HEADING_1, heading(1), BOLD, next=PARAGRAPH),
        Style(HEADING_NUMBERED, based_on=HEADING_1, next=PARAGRAPH),
        Style(HEADING_2, heading(2), BOLD + ITALIC, next=PARAGRAPH),
        Style(HEADING_3, heading(3), ITALIC, next=PARAGRAPH),
        Style(PARAGRAPH, hanging(NUMBER_INDENT, 0)),
        Style(PARAGRAPH_UNNUMBERED, next=PARAGRAPH_UNNUMBERED),
        Style(
            LIST_ITEM,
            f'<w:numPr><w:numId w:val="{dash_list}"/></w:numPr>'
            f'<w:ind w:left="{ITEM_INDENT}" w:hanging="{ITEM_INDENT - NUMBER_INDENT}"/>',
        ),
        # Lettered items hang under the paragraph's text, as its text hangs under its number.
        Style(LETTERED_ITEM, hanging(LETTER_INDENT, NUMBER_INDENT)),
        Style(LETTERED_SUBITEM, hanging(SUBLETTER_INDENT, LETTER_INDENT)),
        Style(
            QUOTATION,
            f'<w:ind w:left="{LETTER_INDENT}" w:right="{QUOTE_RIGHT}"/>',
            size(22),
        ),
        Style(TABLE_CAPTION, "<w:keepNext/>" + spacing(before=120, after=120) + align("left"), BOLD),
        Style(TABLE_HEADING, "<w:keepNext/>" + CELL + align("left"), BOLD + size(20)),
        Style(TABLE_TEXT, CELL + align("left"), size(20)),
        Style(TABLE, based_on=None, kind="table", table=table_properties()),
        Style("GB Date Line", spacing(before=240) + align("left")),
        Style("GB Closing", align("left")),
        # Each appendix starts a new page (the renderer writes the break on the label too).
        Style(APPENDIX_LABEL, "<w:keepNext/><w:pageBreakBefore/>" + align("center"), BOLD),
        Style(APPENDIX_TITLE, "<w:keepNext/>" + spacing(after=360) + align("center"), BOLD,
              next=PARAGRAPH_UNNUMBERED),
        Style(FOOTNOTE_TEXT, TIGHT, size(20)),
        Style(FOOTNOTE_REFERENCE, run='<w:vertAlign w:val="superscript"/>',
              based_on="Default Paragraph Font", kind="character"),
        Style(HEADER, TIGHT + align("right")),
        Style(FOOTER, TIGHT + align("center")),
        Style(STAMP, spacing(before=120, after=0) + align("left"), size(14)),
    )


def style_id(name: str) -> str:
    """The id of a style, derived from its name as Word does: `GB Paragraph` -> `GBParagraph`,
    `footnote reference` -> `FootnoteReference`."""
    return "".join(word[:1].upper() + word[1:] for word in name.split())


def style_element(style: Style) -> BaseOxmlElement:
    nested = "".join(
        f'<w:{tag} w:val="{style_id(value)}"/>'
        for tag, value in (("basedOn", style.based_on), ("next", style.next))
        if value
    )
    paragraph = f"<w:pPr>{style.paragraph}</w:pPr>" if style.paragraph else ""
    run = f"<w:rPr>{style.run}</w:rPr>" if style.run else ""
    table = f"<w:tblPr>{style.table}</w:tblPr>" if style.table else ""
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="{style.kind}" w:customStyle="1"'
        f' w:styleId="{style_id(style.name)}"><w:name w:val="{style.name}"/>{nested}'
        f"<w:qFormat/>{paragraph}{run}{table}</w:style>"
    )


def word_note_style(name: str, kind: str, gb_style: str) -> BaseOxmlElement:
    """One of Word's built-in styles for notes as Word writes it (hidden until used), based on
    the GB style and adding nothing: a note that an editor adds in Word, which Word writes in
    its own "footnote text" and "footnote reference", has the GB look, and follows the GB
    styles when they are changed. LibreOffice takes the raised number in the note area from
    "footnote reference", whatever the mark's own style: it has its superscript from GB Footnote
    Reference, through this w:basedOn."""
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{style_id(gb_style)}"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    )


def add_styles(document: Document, dash_list: int) -> None:
    """Times New Roman 12 pt by default, the GB styles, then Word's own styles for notes, each
    an alias of its GB style."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{TIMES}{size(24)}'
            "</w:rPr></w:rPrDefault>"
            f"<w:pPrDefault><w:pPr>{spacing(after=0)}</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    sheet = style_sheet(dash_list)
    styles.extend(style_element(style) for style in sheet)
    styles.append(word_note_style("footnote text", "paragraph", FOOTNOTE_TEXT))
    styles.append(word_note_style("footnote reference", "character", FOOTNOTE_REFERENCE))
    missing = set(STYLES) - {style.name for style in sheet}
    assert not missing, f"the style sheet lacks {sorted(missing)}"


def add_dash_list(document: Document) -> int:
    """Define the dash that GB List Item paragraphs wear; return its numId."""
    numbering = document.part.numbering_part.element
    used = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(used, default=-1) + 1
    numbering.insert_element_before(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
            '<w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:pStyle w:val="{style_id(LIST_ITEM)}"/>'
            '<w:lvlText w:val="\u2013"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{ITEM_INDENT}" w:hanging="{ITEM_INDENT - NUMBER_INDENT}"/></w:pPr>'
            f"<w:rPr>{TIMES}</w:rPr></w:lvl></w:abstractNum>"
        ),
        "w:num",
        "w:numIdMacAtCleanup",
    )
    return numbering.add_num(abstract_id).numId


def story_paragraph(story: BaseOxmlElement, style: str, text: str = "") -> BaseOxmlElement:
    """Empty a header or footer of the template's paragraphs and give it one in `style`,
    holding `text`; return it."""
    for paragraph in story.findall(qn("w:p")):
        story.remove(paragraph)
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    paragraph = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id(style)}"/></w:pPr>{run}</w:p>'
    )
    story.append(paragraph)
    return paragraph


def set_page(document: Document) -> None:
    """A4, 2.5 cm margins; the masthead alone at the top of page 1, the symbol at the top right
    of the pages after it, the page number at the foot of every page."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)
    section.different_first_page_header_footer = True
    story_paragraph(section.first_page_header.part.element, HEADER)
    story_paragraph(section.header.part.element, HEADER, SAMPLE.symbol)
    for footer in (section.first_page_footer, section.footer):
        story_paragraph(footer.part.element, FOOTER).append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        )


def add_footnote_separators(document: Document) -> None:
    """footnotes.xml with the two separators Word requires (ids -1 and 0), named in settings;
    its root declares the namespaces that Word declares."""
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr>'
        f'<w:pStyle w:val="{style_id(FOOTNOTE_TEXT)}"/></w:pPr><w:r><w:{kind}/></w:r></w:p>'
        "</w:footnote>"
        for kind, note_id in (("separator", "-1"), ("continuationSeparator", "0"))
    )
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in WORD_NAMESPACES.items())
    notes = parse_xml(f'<w:footnotes {namespaces} mc:Ignorable="{WORD_IGNORABLE}">{separators}</w:footnotes>')
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    # w:settings is a sequence: footnotePr goes before the first of the elements after it.
    document.settings.element.insert_element_before(
        parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        ),
        *("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema"),
        *("w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats"),
        *("w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown"),
        *("w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags"),
        *("w:decimalSymbol", "w:listSeparator"),
    )


def _paragraph(number: int, *content: Inline, parts: tuple[Part, ...] = (),
               footnotes: tuple[Footnote, ...] = ()) -> Paragraph:
    return Paragraph(number, tuple(content), parts, footnotes)


def _note(number: int, text: str) -> Footnote:
    return Footnote(number, (Text(text),))


SAMPLE = Paper(
    symbol="GB.300/MNE/2/1",
    language="en",
    layout="2007",
    notice="A notice printed above the masthead, in small type (GB Notice).",
    masthead=(
        MastheadLine("office", "INTERNATIONAL LABOUR OFFICE"),
        MastheadLine("body", "Governing Body"),
        MastheadLine("symbol", "GB.300/MNE/2/1"),
        MastheadLine("session", "300th Session"),
        MastheadLine("place_month", "Geneva, November 2007"),
        MastheadLine("committee", "Subcommittee on Multinational Enterprises"),
        MastheadLine("committee_code", "MNE"),
    ),
    purpose="FOR INFORMATION",
    agenda="THIRD ITEM ON THE AGENDA",
    title="The house style of the Word paper (GB Title)",
    subtitle="(a) Restyle it here, in Word (GB Subtitle)",
    summary=Summary(
        "Purpose of the document (GB Summary Heading)",
        (Text("The box of papers since 2011, framed (GB Summary Text). The 2011 masthead sets the "
              "session line at the left (GB Masthead Session), the segment under the committee "
              "(GB Segment), and Date: and Original: at the right (GB Masthead Date)."),),
        (
            SummaryField("Relevant strategic objective", (Text("A field, its label in bold."),)),
            SummaryField("Related documents", (Text("GB.298/MNE/2/1."),)),
        ),
    ),
    blocks=(
        Heading("about", "A heading (GB Heading 1)", None, 1),
        _paragraph(
            1,
            Text("gbpaper writes every paper in the styles, page set-up, headers and footers of "
                 "this document, and replaces this sample with the paper's text. A numbered "
                 "paragraph (GB Paragraph) has its number typed as text and a tab, then its text "
                 "on a hanging indent, with "),
            Emphasis("italic", (Text("italic"),)),
            Text(" and "),
            Emphasis("bold", (Text("bold"),)),
            Text(" where the units ask, and a footnote."),
            NoteRef(1),
            footnotes=(_note(1, "A footnote (GB Footnote Text); its number is in GB Footnote "
                                "Reference. Word's own footnote text and footnote reference, in "
                                "which Word writes a note added here, are based on these two."),),
        ),
        Heading("numbered", "A numbered heading (GB Heading Numbered)", "I", 1),
        _paragraph(
            2,
            Text("The header of pages 2 on holds the paper's symbol in GB Header; each footer "
                 "holds the page number in GB Footer. A list follows its paragraph:"),
            parts=(
                DashItem((Text("a list item (GB List Item), its dash from Word's numbering;"),)),
                DashItem((Text("a second item."),)),
            ),
        ),
        Heading("second", "A second-level heading (GB Heading 2)", "A", 2),
        _paragraph(
            3,
            Text("The Governing Body, as a decision paragraph reads:"),
            parts=(
                LetteredItem("(a)", 1, (Text("takes note of a lettered item (GB Lettered Item), "
                                             "its letter typed as text and a tab;"),)),
                LetteredItem("(b)", 1, (Text("requests the Office:"),)),
                LetteredItem("(i)", 2, (Text("to write a sub-item (GB Lettered Subitem);"),)),
                LetteredItem("(ii)", 2, (Text("to write a second one; and"),)),
                LetteredItem("(c)", 1, (Text("decides on a third item."),)),
            ),
        ),
        Heading("third", "A third-level heading (GB Heading 3)", None, 3),
        _paragraph(
            4,
            Text("A quotation follows its paragraph, and several notes at one place have a "
                 "comma between their numbers:"),
            NoteRef(2),
            NoteRef(3),
            parts=(QuotedParagraph((Text("A quoted paragraph (GB Quotation), indented on both "
                                         "sides, and set a size smaller than the text."),)),),
            footnotes=(_note(2, "A first note."), _note(3, "A second note at the same place.")),
        ),
        Table(
            Caption("Table 1.", (Text("A table's caption (GB Table Caption)"),)),
            ("left", "right", "right"),
            ((Text("Header row (GB Table Heading)"),), (Text("Swiss francs"),), (Text("US dollars"),)),
            (
                ((Text("A cell (GB Table Text), in a table in GB Table"),),
                 (Text("498 547 593"),), (Text("341 470 954"),)),
                ((Text("Another row"),), (Text("1 000"), NoteRef(4)), (Text("685"),)),
            ),
            (_note(4, "A note in a cell."),),
        ),
    ),
    date_line="Geneva, 8 October 2007. (GB Date Line)",
    closing=(Text("Submitted for information. (GB Closing)"),),
    appendices=(
        Appendix(
            "sample-appendix",
            "Appendix (GB Appendix Label)",
            "An appendix begins on a new page (GB Appendix Title)",
            (
                Paragraph(None, (Text("A paragraph of an appendix whose paragraphs are not numbered "
                                      "(GB Paragraph Unnumbered). The stamp is at the foot of page 1 "
                                      "(GB Stamp)."),), (), ()),
            ),
        ),
    ),
    stamp="GB300-MNE_2-1_[2007-10-0064-1]-En.docx (GB Stamp)",
    locale="en-GB",
    author="International Labour Office",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="where to write the reference document")
    target = parser.parse_args().target
    document = docx.Document()
    add_styles(document, add_dash_list(document))
    set_page(document)
    add_footnote_separators(document)
    # The house style alone first; then the renderer writes the sample paper into it.
    bare = io.BytesIO()
    document.save(bare)
    target.write_bytes(bare.getvalue())
    diags = Diagnostics()
    reference = read_reference(target, diags)
    for diagnostic in diags.sorted():  # none, unless the style sheet above lacks a GB style
        print(diagnostic.format(), file=sys.stderr)
    if reference is None:
        return 1
    target.write_bytes(render_docx(SAMPLE, reference))
    return 0


if __name__ == "__main__":
    sys.exit(main())
