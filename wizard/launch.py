"""The ``parcours`` entry point: the bare command starts the wizard without loading Typer.

``parcours`` alone (optionally ``--lang fr|en``, ``--no-mouse``, ``--mouse``, ``--kiosk``,
``--blink``, ``--idle-minutes N``, ``--session-hours N``, ``--today YYYY-MM-DD``,
``--export-dir DIR``) goes straight to the TUI, which saves Typer's import (~60 ms) on every
start; anything else (a command, ``--help``, ``--version``, an unknown option, a bad value) goes
to the Typer CLI in ``wizard.cli``, which also knows these options, so both paths accept the
same command line and both start the TUI through ``start_tui``.

Kiosk mode (``--kiosk`` or ``PARCOURS_KIOSK=1``, for an SSH ForceCommand) and any SSH connection
turn the mouse and animations off; kiosk mode also removes every ``TEXTUAL*`` variable from the
environment before Textual is imported, and clears the screen after ``--idle-minutes``.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, NoReturn

from .dates import parse_today_option
from .errors import CLOSED_OUTPUT, INTERNAL_ERROR
from .glyphs import utf8_locale
from .safe_text import one_line
from .text import DEFAULT_LANG, LANGS

DEFAULT_IDLE_MINUTES = 5.0
_FLAGS = {
    "--no-mouse": ("mouse", False),
    "--mouse": ("mouse", True),
    "--kiosk": ("kiosk", True),
    "--blink": ("blink", True),
    "--plain": ("plain", True),
}
_VALUES = {
    "--lang": "lang",
    "--idle-minutes": "idle_minutes",
    "--session-hours": "session_hours",
    "--today": "today",
    "--export-dir": "export_dir",
}


def tui_options(args: list[str]) -> dict[str, Any] | None:
    """The wizard's options when ``args`` only holds them; None when the CLI must decide."""
    options: dict[str, Any] = {}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, sep, inline = arg.partition("=")
        if arg in _FLAGS and _FLAGS[arg][0] not in options:
            key, value = _FLAGS[arg]
            options[key] = value
        elif name in _VALUES and _VALUES[name] not in options and (inline or (not sep and rest)):
            options[_VALUES[name]] = inline if sep else rest.pop(0)
        else:
            return None
    if options.get("lang", DEFAULT_LANG) not in LANGS:
        return None  # let the CLI print its one-line error
    for key in ("idle_minutes", "session_hours"):
        if key in options and _number(options[key]) is None:
            return None
    if "today" in options:
        try:
            options["today"] = parse_today_option(options["today"])
        except ValueError:
            return None  # the CLI prints the one-line error
    return options


def _number(text: Any) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= 1_000_000 else None


def has_terminal() -> bool:
    """Whether input and output are a terminal. Textual draws on stderr, so a redirected
    stderr would receive the screen: all three must be terminals."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or missing streams
        return False


def scrub_textual_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """Remove ``TEXTUAL`` and every ``TEXTUAL_*`` variable (they can write screenshots and logs,
    import a driver module or press keys); the names removed."""
    names = [n for n in list(environ) if n == "TEXTUAL" or n.startswith("TEXTUAL_")]
    for name in names:
        del environ[name]
    return names


def settings(options: dict[str, Any]) -> dict[str, Any]:
    """The arguments of ``screens.app.run`` from the command line and the environment:
    ``PARCOURS_KIOSK=1``, ``PARCOURS_IDLE_MINUTES``, ``PARCOURS_SESSION_HOURS``,
    ``PARCOURS_EXPORT_DIR``, ``SSH_CONNECTION``. Raises ValueError with one line for a bad value."""
    env = os.environ
    kiosk = bool(options.get("kiosk")) or env.get("PARCOURS_KIOSK", "") not in ("", "0")
    remote = kiosk or bool(env.get("SSH_CONNECTION"))
    mouse = options.get("mouse")
    idle = options.get("idle_minutes") or env.get("PARCOURS_IDLE_MINUTES") or None
    idle_minutes = _number(idle) if idle is not None else DEFAULT_IDLE_MINUTES
    if idle_minutes is None:
        raise ValueError(f"idle minutes must be a positive number, not {idle!r}")
    hours = options.get("session_hours") or env.get("PARCOURS_SESSION_HOURS") or None
    try:
        from .session import ttl_from  # sessions matter to the wizard only, not to commands

        ttl = ttl_from(None if hours is None else str(hours))
    except ValueError:
        raise ValueError(f"session hours must be a number from 0 to 8760, not {hours!r}") from None
    return {
        "lang": options.get("lang", DEFAULT_LANG),
        # Mouse reports and smooth scrolling cost kilobytes on a slow link: off over SSH and in
        # kiosk mode unless --mouse asks for the mouse.
        "mouse": bool(mouse) if mouse is not None else not remote,
        "animations": not remote,
        "kiosk": kiosk,
        "idle_seconds": idle_minutes * 60 if kiosk else None,
        "session_ttl": ttl,
        # A blinking cursor sends bytes twice a second, idle or not: only when asked.
        "blink": bool(options.get("blink")),
        "today": options.get("today"),  # a date already checked (``--today``), or None
        # Where the plan screen exports files; in kiosk mode, without it, no file is written.
        "export_dir": options.get("export_dir") or env.get("PARCOURS_EXPORT_DIR") or None,
        # A locale that is not UTF-8 (LC_ALL=C): only ASCII is sent to the terminal.
        "ascii_only": not utf8_locale(env),
    }


def wants_plain(options: dict[str, Any], environ: Any = None) -> bool:
    """Plain mode when asked (``--plain``), for a terminal that cannot draw (``TERM=dumb``)
    and without a terminal (input or output redirected, ``ssh -T``)."""
    env = os.environ if environ is None else environ
    return bool(options.get("plain")) or env.get("TERM") == "dumb" or not has_terminal()


def start_plain(chosen: dict[str, Any]) -> None:
    """Run plain mode (numbered questions on plain lines) and exit with its status."""
    from .content import load_content
    from .plain import run_plain
    from .session import Sessions

    sessions = Sessions(ttl=chosen["session_ttl"])
    try:
        sessions.clean_up()
    except OSError:
        pass  # a folder that cannot be cleaned: the first save says why
    try:
        code = run_plain(
            load_content().with_flow("main"),
            chosen["lang"],
            chosen["today"] or date.today(),
            sessions,
            ascii_only=chosen["ascii_only"],
        )
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"parcours: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        sys.exit(INTERNAL_ERROR)
    sys.exit(code)


def start_tui(options: dict[str, Any]) -> None:
    """Start the wizard (both entry paths end here): full-screen, or plain mode."""
    try:
        chosen = settings(options)
    except ValueError as exc:
        print(f"parcours: {one_line(str(exc))}", file=sys.stderr)
        raise SystemExit(2) from None
    if wants_plain(options):
        start_plain(chosen)
    if chosen["kiosk"]:
        scrub_textual_env()
    from ..screens.app import run  # Textual is imported only here, after the scrub.

    try:
        run(**chosen)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"parcours: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        sys.exit(INTERNAL_ERROR)


def main() -> None:
    options = tui_options(sys.argv[1:])
    if options is None:
        from .cli_lang import detect, use

        use(detect(sys.argv[1:], os.environ))  # before Click is imported: its words too
        from .cli import main as cli_main

        try:
            cli_main()
        except SystemExit as exc:
            leave(exc.code)
        leave(0)
    start_tui(options)


def leave(code: object) -> NoReturn:
    """End a command: flush its output, then exit without tearing the interpreter down.

    Freeing every module and object at exit costs a command ~20 ms (a quarter of the
    interpreter's own start-up) when nothing is left to do: files are written and closed by
    then, and the output is flushed here. When the wizard ran (the command line can start it),
    the exit is a normal one.
    """
    if "textual" in sys.modules:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as Python does for sys.exit("text"): the text on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away ("| head"): as a shell says for SIGPIPE
        status = status or CLOSED_OUTPUT
    except OSError as exc:
        print(f"parcours: {one_line(exc.strerror or exc)}", file=sys.stderr)
        status = status or 1
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)
