"""The `gbpaper` command's entry point. Ctrl-C, SIGTERM and SIGHUP stop the run as an
interruption (`Aborted!`, exit 130) from its very start: importing the command line takes a
moment, and an interruption meanwhile would otherwise print a traceback, or end the process
with no word at all. One that comes while the command line's options are read stops the
command before its work starts (see interruptible). Once the command is over, they are held
back, so that its exit status stands.

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

# (typing and contextlib are not imported: the handlers are set the sooner, see main)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType, TracebackType
    from typing import NoReturn

EXIT_INTERRUPTED = 130  # as a shell reports a command that Ctrl-C stopped (128 + SIGINT)
EXIT_UNPRINTABLE = 2  # as for an output that cannot be written (cli.EXIT_MACHINE)


class _Interruption:
    """The signal that has stopped the run, if one has. Its KeyboardInterrupt is raised
    wherever Python happens to be, and there it can be lost: in a finaliser or a weak
    reference's callback, which report it as `Exception ignored` and go on; in native code,
    which may turn it into an error of its own (Pydantic, building a schema while a module is
    imported, raises a SchemaError). The first is raised again (_unraisable); the second is
    taken, where the command reports an error, for what it is: the interruption."""

    signum: int | None = None
    # Outside the command's work, while its options are read and once it is over, a signal is
    # noted, not raised: click would take the KeyboardInterrupt for its own `Aborted!`, exit 1.
    noted_only = False


def interrupted() -> bool:
    """Whether a signal has stopped the run (an error that ends it now is the interruption's)."""
    return _Interruption.signum is not None


def interrupt(signum: int, frame: FrameType | None) -> None:
    """The run stops as Ctrl-C stops it. A second signal is held back, and one that came before
    the first was held is let go, so that it cannot cut short the clean-up that the first one
    starts, nor the `Aborted!` and exit status 130."""
    _hold_signals()
    if interrupted():
        return
    _Interruption.signum = signum
    if not _Interruption.noted_only:
        raise KeyboardInterrupt


class interruptible:
    """The command's work, which a signal interrupts; one that came before it stops it before
    it starts."""

    def __enter__(self) -> None:
        if interrupted():
            raise KeyboardInterrupt
        self.noted_only, _Interruption.noted_only = _Interruption.noted_only, False

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        _Interruption.noted_only = self.noted_only


def _unraisable(report: "sys.UnraisableHookArgs") -> None:
    """An exception that Python can only report, not raise: the interruption's is raised again
    at the next call or return outside this report (see _raise_again), and not reported. Once
    the run is interrupted, another is not reported either: it is a finaliser's on an object
    that the interruption left half-made (a ZipFile stopped in its constructor fails to close),
    and the run is stopping with its outputs untouched."""
    if not interrupted():
        sys.__unraisablehook__(report)
    elif isinstance(report.exc_value, KeyboardInterrupt):
        sys.setprofile(_raise_again)


def _raise_again(frame: FrameType, event: str, arg: object) -> None:
    """A profile function, called at each call and return: the interruption raised again, out
    of the report of its loss. (Python stops calling a profile function that raises.)"""
    if not _reporting(frame):
        sys.setprofile(None)
        if not _Interruption.noted_only:
            raise KeyboardInterrupt


def _reporting(frame: FrameType | None) -> bool:
    """Whether frame is in the report of an exception lost (_unraisable), or called by it."""
    while frame is not None:
        if frame.f_code is _unraisable.__code__:
            return True
        frame = frame.f_back
    return False


def unprintable(exc: OSError) -> NoReturn:
    """What the command prints cannot be written (standard output on a full disk, a pipe whose
    reader has gone): said on standard error, if it can be, and exit status 2, as for an
    output that cannot be written. Standard output is then let go, so that Python, ending,
    does not try it again."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # (closed by the process's end)
    try:
        sys.stderr.write(f"gbpaper: cannot write what it prints: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except OSError:
        pass  # (standard error cannot be written either)
    sys.exit(EXIT_UNPRINTABLE)


def _aborted() -> NoReturn:
    sys.stderr.write("Aborted!\n")
    sys.exit(EXIT_INTERRUPTED)


def main() -> None:
    gc.disable()
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    sys.unraisablehook = _unraisable
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not when Ctrl-C is ignored)
        signal.signal(signal.SIGINT, interrupt)
    try:
        from gbpaper.cli import main as command_line
        _Interruption.noted_only = True  # (until the command's work starts: see interruptible)
    except KeyboardInterrupt:
        _aborted()
    except BaseException:
        if not interrupted():
            raise
        _aborted()
    try:
        try:
            command_line()  # (it ends by raising SystemExit with the command's exit status)
        except OSError as exc:  # (a file's error names it; writing what is printed, none)
            if exc.filename is not None:
                raise
            unprintable(exc)  # (--help, which click prints before any command runs)
        finally:
            _hold_signals()
    except KeyboardInterrupt as late:  # as the command's exit status was on its way out
        _hold_signals()
        if isinstance(late.__context__, SystemExit):
            sys.exit(late.__context__.code)
        _aborted()


def _hold_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP held back for good: the command is over, its outputs are
    whole or untouched, and its exit status said. A signal now would only cut the process's
    exit short: once the interpreter has put the default handlers back as it shuts down, it
    would end the process with the signal's status, not the command's, and no word."""
    if hasattr(signal, "pthread_sigmask"):  # (not on Windows, which has no such signals)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
