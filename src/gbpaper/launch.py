"""The `gbpaper` command's entry point. Ctrl-C, SIGTERM and SIGHUP stop the run as an
interruption (`Aborted!`, exit 130) from its very start: importing the command line takes a
moment, and an interruption meanwhile would otherwise print a traceback, or end the process
with no word at all.

The garbage collector waits until the command has imported what it runs (see cli._guarded):
importing makes hundreds of thousands of objects and no garbage, and collecting among them
took about a tenth of a one-paper build's time. Pydantic's plugins (observers of every
validation, found among the installed packages' entry points) are not looked for: gbpaper's
validation is its own, and looking costs a reading of every package's metadata."""
from __future__ import annotations

import gc
import os
import signal
import sys
from typing import NoReturn

EXIT_INTERRUPTED = 130  # as a shell reports a command that Ctrl-C stopped (128 + SIGINT)


def interrupt(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


def main() -> None:
    gc.disable()
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)
    try:
        from gbpaper.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        sys.exit(EXIT_INTERRUPTED)
    command_line()
