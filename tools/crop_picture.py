"""A picture of part of a PDF page, for the README: from the line that starts with one text to
the line before the one that starts with another, the width of the text, as PNG.

    python tools/crop_picture.py PAPER.pdf "12." "Geneva," docs/decision.png

Reads the words' places with poppler's pdftotext and draws with its pdftoppm."""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

DPI = 100
MARGIN = 9  # points above and below the cut, where a table's last border stands
SIDE = 12  # points left and right of the text, where a table's borders stand


def lines(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every line of the PDF: (page, xMin, yMin, xMax, yMax, text), in reading order."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for line in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
                                page, re.S):
            words = " ".join(re.findall(r">([^<]*)</word>", line.group(5)))
            found.append((number, *map(float, line.groups()[:4]), words))
    return found


def crop(pdf: Path, start: str, end: str, out: Path) -> None:
    every = lines(pdf)
    first = next(i for i, line in enumerate(every) if line[5].startswith(start))
    last = next(i for i in range(first + 1, len(every)) if every[i][5].startswith(end) or every[i][0] != every[first][0])
    page = every[first][0]
    chosen = every[first:last]
    left = min(line[1] for line in chosen) - SIDE
    top = min(line[2] for line in chosen) - MARGIN
    right = max(line[3] for line in chosen) + SIDE
    bottom = max(line[4] for line in chosen) + MARGIN
    scale = DPI / 72
    with tempfile.TemporaryDirectory() as work:
        stem = Path(work) / "picture"
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile",
                        "-x", str(int(left * scale)), "-y", str(int(top * scale)),
                        "-W", str(int((right - left) * scale)), "-H", str(int((bottom - top) * scale)),
                        str(pdf), str(stem)], check=True)
        out.write_bytes(stem.with_suffix(".png").read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("start")
    parser.add_argument("end")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    crop(args.pdf, args.start, args.end, args.out)


if __name__ == "__main__":
    main()
