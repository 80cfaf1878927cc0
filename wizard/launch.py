"""The ``parcours`` entry point: the bare command starts the wizard without loading Typer.

``parcours`` alone (optionally ``--lang fr|en``, ``--no-mouse``, ``--today YYYY-MM-DD``) goes
straight to the TUI, which
saves Typer's import (~60 ms) on every start; anything else (a command, ``--help``,
``--version``, an unknown option, a bad value) goes to the Typer CLI in ``wizard.cli``, which
also knows these options, so both paths accept the same command line.
"""

from __future__ import annotations

import sys
from typing import Any

from .dates import parse_today_option
from .errors import INTERNAL_ERROR
from .text import DEFAULT_LANG, LANGS


def tui_options(args: list[str]) -> dict[str, Any] | None:
    """The wizard's options when ``args`` only holds them; None when the CLI must decide."""
    options: dict[str, Any] = {}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--no-mouse" and "mouse" not in options:
            options["mouse"] = False
        elif arg.startswith("--lang=") and "lang" not in options:
            options["lang"] = arg.split("=", 1)[1]
        elif arg == "--lang" and rest and "lang" not in options:
            options["lang"] = rest.pop(0)
        elif arg.startswith("--today=") and "today" not in options:
            options["today"] = arg.split("=", 1)[1]
        elif arg == "--today" and rest and "today" not in options:
            options["today"] = rest.pop(0)
        else:
            return None
    if options.get("lang", DEFAULT_LANG) not in LANGS:
        return None  # let the CLI print its one-line error
    if "today" in options:
        try:
            options["today"] = parse_today_option(options["today"])
        except ValueError:
            return None  # the CLI prints the one-line error
    return options


def main() -> None:
    options = tui_options(sys.argv[1:])
    if options is None:
        from .cli import main as cli_main

        cli_main()
        return
    from ..screens.app import run  # Textual is imported only here.

    try:
        run(**options)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"parcours: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        sys.exit(INTERNAL_ERROR)
