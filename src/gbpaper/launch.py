"""The `gbpaper` command's entry point. Ctrl-C, SIGTERM and SIGHUP stop the run as an
interruption (`Aborted!`, exit 130) from its very start: importing the command line takes a
moment, and an interruption meanwhile would otherwise print a traceback, or end the process
with no word at all. Once the command is over, they are held back, so that its exit status
stands.

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
    """The run stops as Ctrl-C stops it; a second signal is held back, so that it cannot cut
    short the clean-up that the first one starts, nor the `Aborted!` and exit status 130."""
    _hold_signals()
    raise KeyboardInterrupt


def main() -> None:
    gc.disable()
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not when Ctrl-C is ignored)
        signal.signal(signal.SIGINT, interrupt)
    try:
        from gbpaper.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        sys.exit(EXIT_INTERRUPTED)
    try:
        try:
            command_line()  # (it ends by raising SystemExit with the command's exit status)
        finally:
            _hold_signals()
    except KeyboardInterrupt as late:  # as the command's exit status was on its way out
        _hold_signals()
        if isinstance(late.__context__, SystemExit):
            sys.exit(late.__context__.code)
        sys.stderr.write("Aborted!\n")
        sys.exit(EXIT_INTERRUPTED)


def _hold_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP held back for good: the command is over, its outputs are
    whole or untouched, and its exit status said. A signal now would only cut the process's
    exit short: once the interpreter has put the default handlers back as it shuts down, it
    would end the process with the signal's status, not the command's, and no word."""
    if hasattr(signal, "pthread_sigmask"):  # (not on Windows, which has no such signals)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
