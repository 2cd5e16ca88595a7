"""The PDF paper: LibreOffice's rendering of the Word paper.

LibreOffice runs headless in a temporary folder with a profile of its own, so that builds
running side by side do not share (and lock) one profile. It stamps each PDF with the time of
the run (it does not honour SOURCE_DATE_EPOCH) and an id derived from it; both are rewritten in
place, at the same length, so that the same Word paper gives the same PDF bytes with the same
LibreOffice and fonts.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install libreoffice-writer-nogui"
TIMEOUT = 300  # seconds; a conversion takes a few, the first one with a new profile a little more
CREATION_DATE = re.compile(rb"/CreationDate\(D:\d{14}")
# The file id (twice) and LibreOffice's checksum: digests that change from run to run.
RUN_DIGESTS = re.compile(rb"/ID \[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>|/DocChecksum /([0-9A-F]{32})")
FIXED_DATE = b"20000101000000"


class PdfError(Exception):
    """LibreOffice is missing or could not render the paper: a matter of the machine, not of
    the inputs."""


def find_soffice() -> str:
    """The LibreOffice program, or PdfError saying how to install it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise PdfError(f"PDF needs LibreOffice: {INSTALL}")
    return program


def render_pdf(docx: bytes) -> bytes:
    """The Word paper `docx` rendered as PDF by LibreOffice."""
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="gbpaper-pdf-") as work:
        folder = Path(work)
        (folder / "paper.docx").write_bytes(docx)
        command = [
            program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
            str(folder / "paper.docx"),
        ]
        # A session of its own, so that a timeout ends LibreOffice's helpers along with it; UTC,
        # so that the time zone LibreOffice writes after the creation date is always the same.
        process = subprocess.Popen(
            command, cwd=folder, env={**os.environ, "TZ": "UTC"}, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(f"LibreOffice took more than {TIMEOUT} s to render the PDF") from None
        pdf = folder / "paper.pdf"
        if process.returncode != 0 or not pdf.is_file():
            said = output.decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1]}" if said else ""
            raise PdfError(f"LibreOffice could not render the PDF (exit {process.returncode}){detail}")
        return _fix_stamps(pdf.read_bytes())


def _fix_stamps(pdf: bytes) -> bytes:
    """The PDF with a fixed creation date, and its id and checksum derived from its content;
    every byte keeps its offset, so the cross-reference table stays true."""
    pdf = CREATION_DATE.sub(b"/CreationDate(D:" + FIXED_DATE, pdf)
    spans = [
        match.span(group)
        for match in RUN_DIGESTS.finditer(pdf)
        for group in (1, 2, 3)
        if match.start(group) >= 0
    ]
    digest = hashlib.md5(_splice(pdf, spans, b"0" * 32), usedforsecurity=False).hexdigest()
    return _splice(pdf, spans, digest.upper().encode())


def _splice(data: bytes, spans: list[tuple[int, int]], value: bytes) -> bytes:
    """`data` with each of the ordered `spans` replaced by `value`."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [data[last:start], value]
        last = end
    pieces.append(data[last:])
    return b"".join(pieces)
