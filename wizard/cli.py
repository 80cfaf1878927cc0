"""Command line: ``parcours`` (the wizard), ``step``, ``plan``, ``authority``, ``check-data`` and
``content export`` (the review sheet).

Only the bare ``parcours`` command imports Textual, and only when it runs. Every error a user can
cause ends in one line on stderr and exit code 2; never a traceback.
"""

from __future__ import annotations

import errno
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer

from .. import __version__
from .cli_lang import T, current
from .dates import EARLIEST, LATEST, parse_iso, parse_today_option
from .errors import CLOSED_OUTPUT, INTERNAL_ERROR, AnswerError, DataError, UserError
from .glyphs import to_ascii, utf8_locale
from .safe_text import has_unsafe, json_text, one_line, visible
from .text import LANGS

if TYPE_CHECKING:
    from .content import Content
    from .flow import Step

MAX_ANSWERS_BYTES = 1_000_000

app = typer.Typer(
    add_completion=False,
    # Click suggests a close command name itself, in the run's language; Typer's own
    # suggestion would repeat it in English.
    suggest_commands=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    help=T(
        "parcours — find your administrative pathway in France and get a sourced action "
        "plan. Offline; sends nothing anywhere; not legal advice. Run without a command to "
        "start the wizard."
    ),
)


# The languages as Typer's choices, made from the one list in ``text``.
Lang = StrEnum("Lang", {lang: lang for lang in LANGS})  # type: ignore[misc]
DEFAULT = Lang(current())  # --lang's default: the run's language (the locale's, else French)


class PlanFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    svg = "svg"
    json = "json"


def echo(text: str, *, err: bool = False, nl: bool = True, is_json: bool = False) -> None:
    """Write ``text``; to a terminal whose locale is not UTF-8 (``LC_ALL=C``), in ASCII only:
    JSON with ``\\uXXXX`` escapes (the same value), any other text transliterated. Files and
    pipes get UTF-8 whatever the locale."""
    stream = sys.stderr if err else sys.stdout
    try:
        terminal = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if terminal and not text.isascii() and not utf8_locale():
        if is_json:
            text = json.dumps(json.loads(text), ensure_ascii=True, indent=2)
        else:
            text = to_ascii(text)
    typer.echo(text, err=err, nl=nl)


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2: bad input; 1: problem with the bundled data). Control
    and invisible characters in the message are shown as escapes, never sent raw."""
    echo(f"parcours: {one_line(message)}", err=True)
    raise typer.Exit(code)


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return parse_today_option(value)
    except ValueError:
        pass
    try:
        day = parse_iso(value)
    except ValueError:
        fail(T("--today: expected a date as YYYY-MM-DD, got '{value}'", value=visible(value)))
    fail(
        T(
            "--today: {day} is out of range (from {first} to {last})",
            day=day.isoformat(),
            first=EARLIEST.isoformat(),
            last=LATEST.isoformat(),
        )
    )


def read_answers(path: str) -> Any:
    """Read an answers document from a file or '-' (stdin)."""
    try:
        if path == "-" and sys.stdin is None:
            fail(T("--answers -: there is no standard input to read"))
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        fail(
            T("cannot read answers file {path}: {why}", path=visible(path), why=exc.strerror or exc)
        )
    name = visible(path)
    if len(raw) > MAX_ANSWERS_BYTES:
        fail(T("answers file {name} is too large (over {n} bytes)", name=name, n=MAX_ANSWERS_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(T("answers file {name} is not UTF-8 text", name=name))
    if not text.strip():
        fail(T("answers file {name} is empty: expected a JSON object such as {{}}", name=name))

    def no_constants(constant: str) -> NoReturn:
        raise ValueError(f"{constant} is not allowed")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        document: dict[str, Any] = {}
        for key, value in pairs:
            if key in document:
                raise ValueError(f"the key '{visible(key)}' appears twice")
            document[key] = value
        return document

    try:
        document = json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError) as exc:
        fail(T("answers file {name} is not valid JSON: {why}", name=name, why=exc))
    # A saved session of the wizard holds its answers in the step format: use them.
    if (
        isinstance(document, dict)
        and {"version", "answers", "code_hash"} <= set(document)
        and isinstance(document["answers"], dict)
    ):
        return document["answers"]
    return document


def load() -> Content:
    from .content import load_content

    try:
        return load_content(lazy=True)  # each table typed when the command first reads it
    except DataError as exc:
        fail(str(exc), 1)


def run_step(
    answers_path: str, today: str | None, lang: Lang, flow: str
) -> tuple[Step, date, Content]:
    from .flow import step

    day = parse_today(today)
    raw = read_answers(answers_path)
    content = load()
    if flow not in content.question_flows and flow not in content.flows:
        fail(
            T(
                "--flow: unknown flow '{flow}' (known: {known})",
                flow=visible(flow),
                known=", ".join(content.flows),
            )
        )
    content = content.with_flow(flow)
    try:
        return step(content, raw, day), day, content
    except AnswerError as exc:
        fail(exc.text(lang.value))


AnswersOpt = Annotated[
    str,
    typer.Option(
        "--answers",
        "-a",
        help=T("JSON file of answers {question_id: value}; '-' reads standard input."),
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(help=T("Date to compute deadlines from, YYYY-MM-DD (default: today).")),
]
LangOpt = Annotated[Lang, typer.Option(help=T("Language of the output."))]
FlowOpt = Annotated[
    str,
    typer.Option(
        help=T("Which questionnaire: 'main', or a historical one such as 'history_1997'.")
    ),
]


@app.command(
    "step",
    help=T("Print the next question to ask, or the finished plan, for the answers given so far."),
)
def step_command(
    answers: AnswersOpt,
    json_out: Annotated[
        bool, typer.Option("--json", help=T("Print one JSON object (the protocol)."))
    ] = False,
    today: TodayOpt = None,
    lang: LangOpt = DEFAULT,
    flow: FlowOpt = "main",
) -> None:
    """Print the next question to ask, or the finished plan, for the answers given so far."""
    from .protocol import question_json, step_json

    result, day, content = run_step(answers, today, lang, flow)
    if json_out:
        echo(json_text(step_json(result, day, lang.value, content)), is_json=True)
        return
    if result.plan is not None:
        from .render import render_text
        from .sections import sections

        echo(render_text(sections(result.plan, lang.value)), nl=False)
        return
    assert result.question is not None
    q = question_json(result.question, day, lang.value)
    echo(f"[{q['id']}] {q['text']}")
    if q["help"]:
        echo(f"  {q['help']}")
    for o in q["options"]:
        echo(f"  - {o['id']}: {o['label']}")


@app.command(
    "plan",
    help=T(
        "Print or write the whole action plan for a complete set of answers: text, Markdown, "
        "HTML (self-contained, for print), SVG (the plan screen as a picture) or JSON."
    ),
)
def plan_command(
    answers: AnswersOpt,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help=T("Output format."))] = (
        PlanFormat.text
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=T("Write the plan to this new file (mode 0600) instead of the screen."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=T("With --output: replace the file if it exists."))
    ] = False,
    today: TodayOpt = None,
    lang: LangOpt = DEFAULT,
    flow: FlowOpt = "main",
) -> None:
    """Print or write the whole action plan for a complete set of answers: text, Markdown,
    HTML (self-contained, for print), SVG (the plan screen as a picture) or JSON."""
    from .export import render
    from .files import write_text
    from .sections import sections

    result, _, _ = run_step(answers, today, lang, flow)
    if result.plan is None:
        assert result.question is not None
        fail(
            T(
                "question '{qid}': not answered yet — the answers are incomplete (use "
                "'parcours step' to see the next question)",
                qid=result.question.id,
            )
        )
    text = render(sections(result.plan, lang.value), fmt.value)
    if output is None:
        echo(text, nl=False, is_json=fmt is PlanFormat.json)
        return
    try:
        write_text(output, text, force=force)
    except UserError as exc:
        fail(f"--output: {exc.text(lang.value)}")
    echo(T("plan written to {path}", path=visible(output, 200)), err=True)


@app.command(
    "check-data",
    help=T(
        "Prove the bundled content sound: ids resolve, everything reachable, every path ends "
        "in a plan, French everywhere, every fact sourced. Exit 1 with the list of problems "
        "otherwise."
    ),
)
def check_data_command(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help=T(
                "Check this data folder (holding content/ and geo/) instead of the bundled one."
            ),
        ),
    ] = None,
    today: TodayOpt = None,
) -> None:
    """Prove the bundled content sound: ids resolve, everything reachable, every path ends in a
    plan, French everywhere, every fact sourced. Exit 1 with the list of problems otherwise."""
    from .checks import check

    if data_dir is not None and not (data_dir / "content").is_dir():
        fail(f"--data-dir {visible(data_dir, 200)}: no content/ folder there")
    from .parallel import default_workers

    report = check(data_dir, parse_today(today), workers=default_workers())
    for problem in report.problems:
        echo(f"- {one_line(problem)}")  # problems quote the files, which may be hostile
    for warning in report.warnings:
        echo(f"! to review: {one_line(warning)}")
    echo(report.summary)
    if report.problems:
        raise typer.Exit(1)


@app.command(
    "authority",
    help=T(
        "Print the authority competent for a procedure at a place (name, address, notes, source)."
    ),
)
def authority_command(
    query: Annotated[
        str,
        typer.Argument(
            help=T(
                "Where the person lives: a postal code (93200), a commune (Athis-Mons), "
                "or a département number or name (93, 2A, Essonne)."
            )
        ),
    ],
    procedure: Annotated[
        str,
        typer.Option(
            "--procedure",
            "-p",
            help=T(
                "asylum | residence | rental (French: asile | séjour | location).",
            ),
        ),
    ],
    json_out: Annotated[bool, typer.Option("--json", help=T("Print one JSON object."))] = False,
    lang: LangOpt = DEFAULT,
) -> None:
    """Print the authority competent for a procedure at a place (name, address, notes, source)."""
    from .authorities import authorities_for, render_answer
    from .errors import WhereError

    if len(query) > 200 or has_unsafe(query):
        fail(T("the place must be a short line of text, got '{query}'", query=visible(query)))
    if len(procedure) > 200 or has_unsafe(procedure):
        fail(T("--procedure: unknown procedure '{procedure}'", procedure=visible(procedure)))
    content = load()
    try:
        answer = authorities_for(content, query, procedure, lang.value)
    except WhereError as exc:
        fail(exc.text(lang.value))
    if json_out:
        echo(json_text(answer.to_dict()), is_json=True)
    else:
        echo(render_answer(answer, lang.value), nl=False)


content_app = typer.Typer(
    invoke_without_command=True,
    help=T("The content itself: export the review sheet (one row per fact) for sign-off."),
)
app.add_typer(content_app, name="content")


@content_app.callback()
def content_callback(ctx: typer.Context) -> None:
    """Without a command, show this command's help."""
    if ctx.invoked_subcommand is None:
        echo(ctx.get_help())


class SheetFormat(StrEnum):
    csv = "csv"
    md = "md"


@content_app.command(
    "export",
    help=T(
        "Write the review sheet: one row per fact (fees, time limits, pathways and their "
        "sentences, documents, authorities) with its sources, status and review date."
    ),
)
def content_export_command(
    fmt: Annotated[
        SheetFormat, typer.Option("--format", "-f", help=T("csv (spreadsheet) or md (Markdown)."))
    ] = SheetFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=T("Write the sheet to this new file (mode 0600) instead of the screen."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=T("With --output: replace the file if it exists."))
    ] = False,
    lang: Annotated[
        Lang, typer.Option(help=T("Language of the headers and of the 'applies when' column."))
    ] = DEFAULT,
) -> None:
    from .files import write_text
    from .review_sheet import export

    text = export(load(), fmt.value, lang.value)
    if output is None:
        echo(text, nl=False)
        return
    try:
        write_text(output, text, force=force)
    except UserError as exc:
        fail(f"--output: {exc.text(lang.value)}")
    echo(T("review sheet written to {path}", path=visible(output, 200)), err=True)


def version_callback(value: bool) -> None:
    if value:
        echo(f"parcours {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help=T("Show version.")
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option(help=T("Language of the wizard."))] = DEFAULT,
    no_mouse: Annotated[
        bool, typer.Option("--no-mouse", help=T("Ignore the mouse (fewer bytes on slow links)."))
    ] = False,
    blink: Annotated[
        bool,
        typer.Option("--blink", help=T("Blinking text cursor (off by default: it costs bytes).")),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help=T(
                "Numbered questions on plain lines, no escape codes (screen readers, braille "
                "displays, TERM=dumb); also when input or output is not a terminal."
            ),
        ),
    ] = False,
    mouse: Annotated[
        bool,
        typer.Option("--mouse", help=T("Use the mouse even over SSH or in kiosk mode.")),
    ] = False,
    kiosk: Annotated[
        bool,
        typer.Option(
            "--kiosk",
            help=T(
                "Shared account (SSH ForceCommand; also PARCOURS_KIOSK=1): resume only with a "
                "code, idle timeout, no mouse or animations, TEXTUAL_* variables ignored."
            ),
        ),
    ] = False,
    idle_minutes: Annotated[
        float | None,
        typer.Option(
            help=T(
                "Kiosk mode: clear the screen after this many idle minutes (default 5; "
                "also PARCOURS_IDLE_MINUTES)."
            ),
            min=0.01,
        ),
    ] = None,
    session_hours: Annotated[
        float | None,
        typer.Option(
            help=T(
                "Saved answers expire after this many hours (default 24; also "
                "PARCOURS_SESSION_HOURS)."
            ),
            min=0.01,
            max=8760,
        ),
    ] = None,
    today: TodayOpt = None,
    export_dir: Annotated[
        str | None,
        typer.Option(
            help=T(
                "Folder the plan screen's export writes to (also PARCOURS_EXPORT_DIR); in kiosk "
                "mode file export is off unless it is set."
            ),
        ),
    ] = None,
) -> None:
    """Start the wizard when no command is given."""
    if ctx.invoked_subcommand is None:
        from .launch import start_tui

        options: dict[str, Any] = {
            "lang": lang.value,
            "kiosk": kiosk,
            "blink": blink,
            "plain": plain,
        }
        if no_mouse or mouse:
            options["mouse"] = mouse and not no_mouse
        if idle_minutes is not None:
            options["idle_minutes"] = idle_minutes
        if session_hours is not None:
            options["session_hours"] = session_hours
        if today is not None:
            options["today"] = parse_today(today)
        if export_dir:
            options["export_dir"] = export_dir
        start_tui(options)


def only_the_command(args: list[str]) -> None:
    """Keep only the command that will run, when the first argument names one.

    Typer builds a Click command for every registered command at each call, reading every
    parameter's signature (about 10 ms for ours); a call runs one. With any other first
    argument (an option, ``--help``, a mistyped name) every command stays, so the help and the
    "no such command" suggestions list them all.
    """
    if not args:
        return
    name = args[0]
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups
        # The wizard's options (before any command) cannot come before this one: the group
        # needs none of them, and Typer would read the eleven of them at each call.
        app.callback()(_command_only)


def _command_only() -> None:
    """The group when a command runs: it has nothing to do (the command does it all)."""


def main() -> None:
    """Run the CLI; usage errors (unknown option or command, bad value) are one line too."""
    only_the_command(sys.argv[1:])
    try:
        code = app(standalone_mode=False)
    except click.ClickException as exc:  # usage errors, raised instead of boxed
        echo(f"parcours: {one_line(exc.format_message())} ({T('see parcours --help')})", err=True)
        sys.exit(exc.exit_code or 2)
    except (KeyboardInterrupt, click.exceptions.Abort):
        echo("", err=True)
        sys.exit(130)
    except SystemExit as exc:
        # Typer exits 1 when the reader of the output went away (EPIPE, "| head"); 1 is kept
        # for content that fails check-data: say it as a shell would for SIGPIPE.
        sys.exit(CLOSED_OUTPUT if exc.code == 1 else exc.code)
    except DataError as exc:  # content found malformed while in use (e.g. the geography)
        echo(f"parcours: {one_line(exc)}", err=True)
        sys.exit(1)
    except RecursionError:
        echo(f"parcours: {T('the input is nested too deeply')}", err=True)
        sys.exit(2)
    except MemoryError:
        echo(f"parcours: {T('the input is too large for this machine')}", err=True)
        sys.exit(2)
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            internal_error(exc)
        # The output could not be written (a full disk, > /dev/full): say so, on stderr.
        echo(f"parcours: {T('cannot write the output: {why}', why=exc.strerror)}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        internal_error(exc)
    if isinstance(code, int) and code:
        sys.exit(code)


# Errors of a write to standard output that a person can act on.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def internal_error(exc: BaseException) -> NoReturn:
    """One line for a failure nobody expected, never a traceback."""
    echo(
        f"parcours: {T('internal error ({name}); please report it', name=type(exc).__name__)}",
        err=True,
    )
    sys.exit(INTERNAL_ERROR)
