"""The numerals gbpaper counts with: Roman (sections, sub-items) and letters (sections, items)."""
from __future__ import annotations

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV."""
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """1 -> A ... 26 -> Z, then AA, BB, ... (the letter doubled, as UN documents go on)."""
    count, index = divmod(number - 1, 26)
    return chr(ord("A") + index) * (count + 1)
