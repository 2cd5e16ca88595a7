"""Language versions (spec/inputs.md and spec/outputs.md, "Language versions"): translations
aligned with their originals, numbered as the original is, worded from each language's phrases."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import md
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.phrases import load_phrases
from gbpaper.render.text import render_text

TRANSLATIONS = """\
languages: [en, fr, es]
translations:
  fr:
    title: Un document d'essai
    committee: Sous-commission sur les entreprises multinationales
    place: Genève
    headings:
      office: Activités du Bureau
      knowledge: Développement des connaissances
      meetings: Réunions tripartites et d'experts
      other: Autres activités
  es:
    title: Un documento de prueba
    committee: Subcomisión de Empresas Multinacionales
    place: Ginebra
    headings: {office: Actividades de la Oficina, knowledge: Desarrollo de conocimientos,
               meetings: Reuniones tripartitas y de expertos, other: Otras actividades}
"""

ORIGINAL = """\
# introduction

The paper, as requested.[^req] It follows the last one.[^last]

# knowledge

Knowledge grew; see paragraph [#later]; also section [#other].[^last]
- first item[^item];
- second item

# other

Closing remarks. {#later}

[^req]: GB.298/MNE/2/1.
[^last]: GB.298/10.
[^item]: An item's note.
"""

FRENCH = """\
# introduction

Le document, comme demandé[^req]. Il fait suite au précédent.[^last]

# I. Développement des connaissances

Les connaissances ont progressé; voir le paragraphe [#later]; voir aussi la section [#other][^last].
- premier point[^item] ;
- second point

# other

Remarques finales. {#later}

[^req]: GB.298/MNE/2/1.
[^last]: GB.298/10.
[^item]: Note d'un point.
"""

SPANISH = """\
# introduction

El documento, según lo solicitado.[^req] Sigue al anterior[^last].

# knowledge

Los conocimientos crecieron; véase el párrafo [#later]; véase también la sección [#other].[^last]
- primer punto[^item];
- segundo punto

# Otras actividades

Observaciones finales. {#later}

[^req]: GB.298/MNE/2/1.
[^last]: GB.298/10.
[^item]: Nota de un punto.
"""


@pytest.fixture
def trilingual(paper):
    paper.plan(contributors="[EMP/MULTI]")
    paper.write("paper.yaml", (paper.folder / "paper.yaml").read_text() + TRANSLATIONS)
    paper.write("multi.md", md("EMP/MULTI", ORIGINAL))
    paper.write("fr/multi.md", md("EMP/MULTI", FRENCH))
    paper.write("es/multi.md", md("EMP/MULTI", SPANISH))
    return paper


def texts(paper) -> dict[str, str]:
    result = paper.compile()
    assert [d.format() for d in result.diagnostics.sorted() if d.severity == "error"] == []
    return {p.language: render_text(p).decode("utf-8") for p in result.versions}


def numbers(line: str) -> list[str]:
    """What must agree between versions on a line: its paragraph number, footnote numbers and
    cross-reference values (digits and Roman numerals), in order."""
    return re.findall(r"^\d+\.|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<![\w.])\d+(?![\w.])|(?<![A-Za-z])[IVX]+(?![A-Za-z])", line)


def test_every_version_prints_the_same_numbers_line_for_line(trilingual):
    versions = texts(trilingual)
    assert list(versions) == ["en", "fr", "es"]
    body = {lang: text.split("\n\n", 4)[4].splitlines() for lang, text in versions.items()}
    assert len(body["en"]) == len(body["fr"]) == len(body["es"])
    for en, fr, es in zip(body["en"], body["fr"], body["es"]):
        if not en.startswith(("Geneva", "Submitted")):
            assert numbers(en) == numbers(fr) == numbers(es), (en, fr, es)


def test_the_french_paper(trilingual):
    assert texts(trilingual)["fr"] == """\
BUREAU INTERNATIONAL DU TRAVAIL
Conseil d'administration
GB.300/MNE/2/1
300e session
Genève, novembre 2007
Sous-commission sur les entreprises multinationales
MNE

POUR INFORMATION

Un document d'essai

1. Le document, comme demandé¹. Il fait suite au précédent².
¹ GB.298/MNE/2/1.
² GB.298/10.

Activités du Bureau

I. Développement des connaissances

2. Les connaissances ont progressé; voir le paragraphe 3; voir aussi la section III³.
- premier point⁴ ;
- second point
³ *ibid.*
⁴ Note d'un point.

II. Réunions tripartites et d'experts

III. Autres activités

3. Remarques finales.

Genève, le 8 octobre 2007.

Soumis pour information.
"""


def test_the_spanish_masthead_date_and_closing(trilingual):
    blocks = texts(trilingual)["es"].split("\n\n")
    assert blocks[:3] == [
        "OFICINA INTERNACIONAL DEL TRABAJO\nConsejo de Administración\nGB.300/MNE/2/1\n"
        "300.ª reunión\nGinebra, noviembre de 2007\nSubcomisión de Empresas Multinacionales\nMNE",
        "PARA INFORMACION",
        "Un documento de prueba",
    ]
    assert blocks[-2:] == ["Ginebra, 8 de octubre de 2007.", "Sometido para información.\n"]


def test_ibid_follows_the_original_notes_whatever_the_translation_says(trilingual):
    # Paragraph 2's note repeats paragraph 1's last in the original: ibid. in every language,
    # even where a translator wrote the note out again.
    trilingual.write("es/multi.md", md("EMP/MULTI", SPANISH.replace("[^last]: GB.298/10.", "[^last]: Documento GB.298/10.")))
    for text in texts(trilingual).values():
        assert "³ *ibid.*" in text.splitlines()


@pytest.mark.parametrize("typed", ["Conseil.[^a]", "Conseil[^a]."])
@pytest.mark.parametrize("lang, printed", [("en", "Conseil.¹"), ("fr", "Conseil¹."), ("es", "Conseil¹.")])
def test_a_marker_touching_a_full_stop_goes_after_it_in_english_before_it_in_french_and_spanish(
        trilingual, typed, lang, printed):
    one = "# introduction\n\n{}\n\n[^a]: Note.\n"
    for folder in ("", "fr/", "es/"):
        trilingual.write(f"{folder}multi.md", md("EMP/MULTI", one.format(typed)))
    assert f"1. {printed}" in texts(trilingual)[lang].splitlines()


@pytest.mark.parametrize("mark", [".", ",", ";", ":"])
def test_each_punctuation_mark_takes_the_marker_on_its_language_side(trilingual, mark):
    one = "# introduction\n\nWord{}[^a] next\n\n[^a]: Note.\n"
    for folder in ("", "fr/", "es/"):
        trilingual.write(f"{folder}multi.md", md("EMP/MULTI", one.format(mark)))
    versions = texts(trilingual)
    assert f"1. Word{mark}¹ next" in versions["en"].splitlines()
    assert f"1. Word¹{mark} next" in versions["fr"].splitlines()
    assert f"1. Word¹{mark} next" in versions["es"].splitlines()


def test_french_guillemets_are_kept_as_typed(trilingual):
    text = FRENCH.replace("comme demandé", "« comme demandé »")
    trilingual.write("fr/multi.md", md("EMP/MULTI", text))
    assert "1. Le document, « comme demandé »¹. Il fait suite au précédent²." in texts(trilingual)["fr"]


def test_a_decision_paper_translated_without_a_closing_gets_the_phrase_table_closing(trilingual):
    plan = (trilingual.folder / "paper.yaml").read_text().replace("purpose: information", "purpose: decision")
    plan += 'closing: "Point for decision: Paragraph [#later]."\n'
    trilingual.write("paper.yaml", plan)
    versions = texts(trilingual)
    assert versions["en"].endswith("\n\nPoint for decision: Paragraph 3.\n")
    assert versions["fr"].endswith("\n\nPoint appelant une décision: paragraphe 3.\n")
    assert versions["es"].endswith("\n\nPunto que requiere decisión: párrafo 3.\n")


ORDINALS = {
    "en": "FIRST SECOND THIRD FOURTH FIFTH SIXTH SEVENTH EIGHTH NINTH TENTH ELEVENTH TWELFTH "
          "THIRTEENTH FOURTEENTH FIFTEENTH SIXTEENTH SEVENTEENTH EIGHTEENTH NINETEENTH TWENTIETH "
          "TWENTY-FIRST TWENTY-SECOND TWENTY-THIRD TWENTY-FOURTH TWENTY-FIFTH TWENTY-SIXTH "
          "TWENTY-SEVENTH TWENTY-EIGHTH TWENTY-NINTH THIRTIETH",
    "fr": "PREMIÈRE DEUXIÈME TROISIÈME QUATRIÈME CINQUIÈME SIXIÈME SEPTIÈME HUITIÈME NEUVIÈME "
          "DIXIÈME ONZIÈME DOUZIÈME TREIZIÈME QUATORZIÈME QUINZIÈME SEIZIÈME DIX-SEPTIÈME "
          "DIX-HUITIÈME DIX-NEUVIÈME VINGTIÈME VINGT_ET_UNIÈME VINGT-DEUXIÈME VINGT-TROISIÈME "
          "VINGT-QUATRIÈME VINGT-CINQUIÈME VINGT-SIXIÈME VINGT-SEPTIÈME VINGT-HUITIÈME "
          "VINGT-NEUVIÈME TRENTIÈME",
    "es": "PRIMER SEGUNDO TERCER CUARTO QUINTO SEXTO SEPTIMO OCTAVO NOVENO DECIMO UNDECIMO "
          "DUODECIMO DECIMOTERCER DECIMOCUARTO DECIMOQUINTO DECIMOSEXTO DECIMOSEPTIMO DECIMOCTAVO "
          "DECIMONOVENO VIGESIMO VIGESIMO_PRIMER VIGESIMO_SEGUNDO VIGESIMO_TERCER VIGESIMO_CUARTO "
          "VIGESIMO_QUINTO VIGESIMO_SEXTO VIGESIMO_SEPTIMO VIGESIMO_OCTAVO VIGESIMO_NOVENO TRIGESIMO",
}
AGENDA = {"en": "{} ITEM ON THE AGENDA", "fr": "{} QUESTION À L'ORDRE DU JOUR", "es": "{} PUNTO DEL ORDEN DEL DIA"}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_agenda_lines_1_to_30(lang):
    phrases = load_phrases(lang, Diagnostics(), Location("test"))
    expected = [AGENDA[lang].format(word.replace("_", " ")) for word in ORDINALS[lang].split()]
    assert [phrases.agenda_line(n) for n in range(1, 31)] == expected


@pytest.mark.parametrize("lang, first, eighth", [
    ("en", "Geneva, 1 October 2007.", "Geneva, 8 October 2007."),
    ("fr", "Genève, le 1er octobre 2007.", "Genève, le 8 octobre 2007."),
    ("es", "Ginebra, 1.º de octubre de 2007.", "Ginebra, 8 de octubre de 2007."),
])
def test_date_lines(lang, first, eighth):
    import datetime as dt
    phrases = load_phrases(lang, Diagnostics(), Location("test"))
    place = first.split(",")[0]
    assert phrases.dated(place, dt.date(2007, 10, 1)) == first
    assert phrases.dated(place, dt.date(2007, 10, 8)) == eighth


@pytest.mark.parametrize("lang, sessions", [
    ("en", ["300th Session", "301st Session", "302nd Session", "303rd Session", "311th Session", "312th Session"]),
    ("fr", ["300e session", "301e session", "302e session", "303e session", "311e session", "312e session"]),
    ("es", ["300.ª reunión", "301.ª reunión", "302.ª reunión", "303.ª reunión", "311.ª reunión", "312.ª reunión"]),
])
def test_session_lines(lang, sessions):
    phrases = load_phrases(lang, Diagnostics(), Location("test"))
    assert [phrases.session_line(n) for n in (300, 301, 302, 303, 311, 312)] == sessions


# --- Misalignment: an error at the translation's place, naming the original's -----------------

def errors(paper) -> list[str]:
    return [d for d in paper.diagnostics() if ": error: " in d]


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("\nRemarques finales. {#later}\n", "\nRemarques finales. {#later}\n\nEn plus.\n",
                 "paper/fr/multi.md:15:1: error: section 'other' has 2 paragraphs here but 1 in multi.md:15",
                 id="a paragraph too many"),
    pytest.param("# other\n\nRemarques finales. {#later}\n", "",
                 "paper/fr/multi.md:9:1: error: section 'other' of multi.md:15 is missing here",
                 id="a section missing"),
    pytest.param("demandé[^req]. Il", "demandé. Il",
                 "paper/fr/multi.md:7:56: error: [^req] of multi.md:7 is missing here, before [^last]",
                 id="a footnote reference missing"),
    pytest.param("demandé[^req]. Il fait suite au précédent.[^last]",
                 "demandé[^last]. Il fait suite au précédent.[^req]",
                 "paper/fr/multi.md:7:27: error: [^last] here but [^req] in multi.md:7",
                 id="footnote references moved"),
    pytest.param("[#later]; voir", "[#other]; voir",
                 "paper/fr/multi.md:11:53: error: [#other] here but [#later] in multi.md:11",
                 id="cross-references out of order"),
    pytest.param(" {#later}", "",
                 "paper/fr/multi.md:17:1: error: no label here but label 'later' in multi.md:17",
                 id="a label missing"),
    pytest.param("- second point\n", "",
                 "paper/fr/multi.md:11:1: error: 1 dash item here but 2 dash items in multi.md:11",
                 id="a list item missing"),
])
def test_a_misaligned_translation_is_an_error(trilingual, old, new, expected):
    assert old in FRENCH
    trilingual.write("fr/multi.md", md("EMP/MULTI", FRENCH.replace(old, new)))
    assert expected in errors(trilingual)


def test_an_original_without_its_translation_is_an_error_at_the_original(trilingual):
    (trilingual.folder / "es" / "multi.md").unlink()
    assert errors(trilingual) == ["paper/multi.md:1:1: error: no 'es' translation of this file: es/multi.md is missing"]


def test_a_translation_without_an_original_is_an_error(trilingual):
    trilingual.write("fr/extra.md", md("EMP/MULTI", "# introduction\n\nEn plus.\n"))
    assert errors(trilingual) == ["paper/fr/extra.md:1:1: error: a translation of 'extra.md', which is not in the paper's folder"]


def test_a_folder_of_a_language_the_paper_is_not_issued_in_is_ignored_unread(trilingual, tmp_path):
    """A German version begun before the paper is issued in German stops no build: its files,
    even broken or a link, are not read. Before: the warning said ignored, and its errors failed
    the paper."""
    trilingual.write("de/multi.md", "no front matter *unclosed\n")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nunit: SECRET\n---\n", encoding="utf-8")
    (trilingual.folder / "de" / "secret.md").symlink_to(secret)
    assert trilingual.diagnostics() == [
        "paper/de:1:1: warning: folder ignored: 'de' is not among the paper's languages",
        "paper/paper.yaml:18:15: warning: section 'meetings' has no paragraphs"]


def test_a_translation_entry_missing_or_incomplete_is_an_error(trilingual):
    plan = (trilingual.folder / "paper.yaml").read_text()
    plan = plan.replace("    committee: Sous-commission sur les entreprises multinationales\n", "")
    plan = plan.replace("      other: Autres activités\n", "")
    plan = plan.replace("languages: [en, fr, es]", "languages: [en, fr, es, de]")
    trilingual.write("paper.yaml", plan)
    assert errors(trilingual) == [
        "paper/paper.yaml:22:25: error: no entry for 'de' under translations: its title, place and headings",
        "paper/paper.yaml:22:25: error: no phrase table for language 'de' (templates/phrases/de.yaml)",
        "paper/paper.yaml:25:5: error: translation 'fr' needs a committee, as the original has one",
        "paper/paper.yaml:28:7: error: translation 'fr' has no heading for section 'other'",
    ]


def test_build_lang_writes_one_language(trilingual, monkeypatch):
    monkeypatch.chdir(trilingual.root)
    result = CliRunner().invoke(main, ["build", "paper", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (trilingual.root / "outputs").iterdir()) == [
        "GB.300-MNE-2-1.fr.docx", "GB.300-MNE-2-1.fr.txt"]


def test_a_paragraph_missing_from_a_translation_is_an_error(trilingual):
    trilingual.write("multi.md", md("EMP/MULTI", ORIGINAL.replace(
        "Closing remarks. {#later}\n", "Closing remarks. {#later}\n\nOne more.\n")))
    assert errors(trilingual)[0] == (
        "paper/es/multi.md:15:1: error: section 'other' has 1 paragraph here but 2 in multi.md:15")


FRENCH_ORIGINAL_FOR_DECISION = """\
language: fr
languages: [fr, en]
purpose: decision
translations:
  en:
    title: A test paper
    committee: Subcommittee on Multinational Enterprises
    place: Geneva
    headings: {office: Activities of the Office, knowledge: Knowledge development,
               meetings: Tripartite and expert meetings, other: Other activities}
"""


@pytest.mark.parametrize("closing, expected", [
    (None, ["paper/paper.yaml:23:10: error: a paper for decision must give its closing line "
            "(closing: Point for decision: Paragraph [#draft-decision].)",
            "paper/paper.yaml:26:5: error: the phrase table has no default closing for a paper for "
            "decision; give the closing line"]),
    ('"Point appelant une décision: paragraphe [#p]."',
     ["paper/paper.yaml:26:5: error: the phrase table has no default closing for a paper for "
      "decision; give the closing line"]),
])
def test_a_decision_paper_must_give_the_closings_no_phrase_table_gives(paper, closing, expected):
    plan = (paper.folder / "paper.yaml").read_text().replace("purpose: information\n", "")
    plan = plan.replace("contributors: [EMP/MULTI, IPEC, TRAVAIL, SECTOR]", "contributors: [EMP/MULTI]")
    plan += FRENCH_ORIGINAL_FOR_DECISION + (f"closing: {closing}\n" if closing else "")
    paper.write("paper.yaml", plan)
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nLe paragraphe. {#p}\n"))
    paper.write("en/multi.md", md("EMP/MULTI", "# introduction\n\nThe paragraph. {#p}\n"))
    assert errors(paper) == expected


def test_a_translated_decision_paper_needs_its_closing_when_the_original_refers_to_nothing(trilingual):
    plan = (trilingual.folder / "paper.yaml").read_text().replace("purpose: information", "purpose: decision")
    trilingual.write("paper.yaml", plan + 'closing: "The Governing Body may wish to approve the proposals."\n')
    assert errors(trilingual) == [
        f"paper/paper.yaml:{line}:5: error: give this version's closing line: the phrase table's "
        "closing for a paper for decision names the paragraphs that the original's closing refers "
        "to, and it refers to none"
        for line in (25, 34)
    ]


def test_a_language_code_in_capitals_is_an_error_that_says_what_one_is(paper):
    paper.plan(languages="[EN]")
    assert errors(paper) == [
        "paper/paper.yaml:22:13: error: languages 'EN' is not a language code: two lower-case "
        "letters, as en, fr, es",
    ]


@pytest.mark.parametrize("typed, printed", [("cinq etc.[^a] six", "cinq etc.¹ six"),
                                            ("cinq etc[^a]. six", "cinq etc¹. six"),
                                            ("la fin.[^a] Ensuite", "la fin¹. Ensuite")])
def test_an_abbreviation_keeps_its_full_stop_before_a_french_marker(trilingual, typed, printed):
    one = "# introduction\n\n{}\n\n[^a]: Note.\n"
    for folder in ("", "fr/", "es/"):
        trilingual.write(f"{folder}multi.md", md("EMP/MULTI", one.format(typed)))
    assert f"1. {printed}" in texts(trilingual)["fr"].splitlines()


def test_an_abbreviation_is_a_word_of_its_own():
    from gbpaper.model import NoteRef, Text
    from gbpaper.typography import place_markers
    nodes = [Text("accord avec IBM."), NoteRef(1)]
    assert place_markers(nodes, "before-punctuation", ("M.",)) == [Text("accord avec IBM"), NoteRef(1), Text(".")]
    nodes = [Text("selon M."), NoteRef(1)]
    assert place_markers(nodes, "before-punctuation", ("M.",)) == [Text("selon M."), NoteRef(1)]


NBSP, NNBSP = "\u00a0", "\u202f"


def test_no_break_spaces_survive_from_every_kind_of_submission(paper):
    """French and Spanish typography's no-break spaces are text, not whitespace to fold."""
    paper.plan(language="fr", place="Genève", title=f"\"Un titre{NBSP}: l'essai\"", contributors="[EMP/MULTI, IPEC]")
    paper.write("multi.md", md("EMP/MULTI", f"# introduction\n\nLe texte{NNBSP}: «{NBSP}cité{NBSP}».[^n]\n"
                               f"\n[^n]: Voir le rapport{NBSP};\n  page 2.\n"))
    paper.write("ipec.yaml", "unit: IPEC\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                f"  - section: introduction\n    text: \"Le point{NBSP}: suivant\"\n"
                f"    lettered: [\"premier{NBSP};\", \"{NBSP}second\"]\n"
                f"  - section: introduction\n    table: {{header: [\"10{NBSP}000\"], rows: [[\"«{NBSP}a{NBSP}»\"]]}}\n"
                f"footnotes:\n  x: \"Note{NBSP}!\"\n")
    text = paper.text()
    assert f"Un titre{NBSP}: l'essai" in text
    assert f"1. Le texte{NNBSP}: «{NBSP}cité{NBSP}»¹." in text
    assert f"¹ Voir le rapport{NBSP}; page 2." in text
    assert f"2. Le point{NBSP}: suivant\na) premier{NBSP};\nb) {NBSP}second" in text
    assert f"| 10{NBSP}000 |\n| --- |\n| «{NBSP}a{NBSP}» |" in text
