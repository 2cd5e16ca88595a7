"""The assembler's rules (spec/inputs.md): order, numbering, footnotes, ibid, cross-references."""
from __future__ import annotations

from conftest import md


def test_paragraphs_follow_sections_then_contributors_then_file_names(paper):
    paper.write("z-travail.md", md("TRAVAIL", "# knowledge\n\nTRAVAIL one.\n"))
    paper.write("b-ipec.md", md("IPEC", "# knowledge\n\nIPEC from b.\n\n# introduction\n\nIPEC intro.\n"))
    paper.write("a-ipec.md", md("IPEC", "# Knowledge development\n\nIPEC from a, first.\n\nIPEC from a, second.\n"))
    paper.write("multi.md", md("EMP/MULTI", "# knowledge\n\nMULTI knows.\n\n# introduction\n\nMULTI intro.\n"))
    assert paper.body() == [
        "1. MULTI intro.",
        "2. IPEC intro.",
        "Activities of the Office",
        "I. Knowledge development",
        "3. MULTI knows.",
        "4. IPEC from a, first.",
        "5. IPEC from a, second.",
        "6. IPEC from b.",
        "7. TRAVAIL one.",
        "II. Tripartite and expert meetings",
        "III. Other activities",
        "Geneva, 8 October 2007.",
        "Submitted for information.",
    ]
