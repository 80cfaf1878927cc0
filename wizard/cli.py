"""Command line: ``parcours`` (the wizard), ``step``, ``plan``, ``authority`` and ``check-data``.

Only the bare ``parcours`` command imports Textual, and only when it runs. Every error a user can
cause ends in one line on stderr and exit code 2; never a traceback.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer

from .. import __version__
from .dates import parse_iso
from .errors import AnswerError, DataError
from .text import DEFAULT_LANG, LANGS

if TYPE_CHECKING:
    from .content import Content
    from .flow import Step

MAX_ANSWERS_BYTES = 1_000_000

app = typer.Typer(
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    help="parcours — find your administrative pathway in France and get a sourced action plan. "
    "Offline; sends nothing anywhere; not legal advice. Run without a command to start the wizard.",
)


# The languages as Typer's choices, made from the one list in ``text``.
Lang = StrEnum("Lang", {lang: lang for lang in LANGS})  # type: ignore[misc]
DEFAULT = Lang(DEFAULT_LANG)


class PlanFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    svg = "svg"
    json = "json"


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2: bad input; 1: problem with the bundled data)."""
    line = " ".join(str(message).split())
    typer.echo(f"parcours: {line}", err=True)
    raise typer.Exit(code)


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return parse_iso(value)
    except ValueError as exc:
        fail(f"--today: {exc}")


def read_answers(path: str) -> Any:
    """Read an answers document from a file or '-' (stdin)."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        fail(f"cannot read answers file {path}: {exc.strerror or exc}")
    if len(raw) > MAX_ANSWERS_BYTES:
        fail(f"answers file {path} is too large (over {MAX_ANSWERS_BYTES} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"answers file {path} is not UTF-8 text")
    if not text.strip():
        fail(f"answers file {path} is empty: expected a JSON object such as {{}}")

    def no_constants(name: str) -> NoReturn:
        raise ValueError(f"{name} is not allowed")

    try:
        return json.loads(text, parse_constant=no_constants)
    except (ValueError, RecursionError) as exc:
        fail(f"answers file {path} is not valid JSON: {exc}")


def load() -> Content:
    from .content import load_content

    try:
        return load_content()
    except DataError as exc:
        fail(str(exc), 1)


def run_step(
    answers_path: str, today: str | None, lang: Lang, flow: str
) -> tuple[Step, date, Content]:
    from .flow import step

    day = parse_today(today)
    raw = read_answers(answers_path)
    content = load()
    if flow not in content.flows:
        fail(f"--flow: unknown flow '{flow}' (known: {', '.join(content.flows)})")
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
        help="JSON file of answers {question_id: value}; '-' reads standard input.",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(help="Date to compute deadlines from, YYYY-MM-DD (default: today)."),
]
LangOpt = Annotated[Lang, typer.Option(help="Language of the output.")]
FlowOpt = Annotated[
    str,
    typer.Option(help="Which questionnaire: 'main', or a historical one such as 'history_1997'."),
]


@app.command("step")
def step_command(
    answers: AnswersOpt,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (the protocol).")
    ] = False,
    today: TodayOpt = None,
    lang: LangOpt = DEFAULT,
    flow: FlowOpt = "main",
) -> None:
    """Print the next question to ask, or the finished plan, for the answers given so far."""
    from .protocol import question_json, step_json

    result, day, content = run_step(answers, today, lang, flow)
    if json_out:
        out = step_json(result, day, lang.value, content)
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if result.plan is not None:
        from .render import render_text
        from .sections import sections

        typer.echo(render_text(sections(result.plan, lang.value)), nl=False)
        return
    assert result.question is not None
    q = question_json(result.question, day, lang.value)
    typer.echo(f"[{q['id']}] {q['text']}")
    if q["help"]:
        typer.echo(f"  {q['help']}")
    for o in q["options"]:
        typer.echo(f"  - {o['id']}: {o['label']}")


@app.command("plan")
def plan_command(
    answers: AnswersOpt,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlanFormat.text
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the plan to this file instead of the screen."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
    today: TodayOpt = None,
    lang: LangOpt = DEFAULT,
    flow: FlowOpt = "main",
) -> None:
    """Print or write the whole action plan for a complete set of answers: text, Markdown,
    HTML (self-contained, for print), SVG (the plan screen as a picture) or JSON."""
    from .export import render
    from .files import WriteError, write_text
    from .sections import sections

    result, _, _ = run_step(answers, today, lang, flow)
    if result.plan is None:
        assert result.question is not None
        fail(
            f"question '{result.question.id}': not answered yet — the answers are incomplete "
            "(use 'parcours step' to see the next question)"
        )
    text = render(sections(result.plan, lang.value), fmt.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_text(output, text, force=force)
    except WriteError as exc:
        fail(f"--output: {exc}" + (" (use --force to replace it)" if "exists" in str(exc) else ""))
    typer.echo(f"plan written to {output}", err=True)


@app.command("check-data")
def check_data_command(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Check this data folder (holding content/ and geo/) instead of the bundled one.",
        ),
    ] = None,
    today: TodayOpt = None,
) -> None:
    """Prove the bundled content sound: ids resolve, everything reachable, every path ends in a
    plan, French everywhere, every fact sourced. Exit 1 with the list of problems otherwise."""
    from .checks import check

    if data_dir is not None and not (data_dir / "content").is_dir():
        fail(f"--data-dir {data_dir}: no content/ folder there")
    report = check(data_dir, parse_today(today))
    for problem in report.problems:
        typer.echo(f"- {problem}")
    typer.echo(report.summary)
    if report.problems:
        raise typer.Exit(1)


@app.command("authority")
def authority_command(
    query: Annotated[
        str,
        typer.Argument(
            help="Where the person lives: a postal code (93200), a commune (Athis-Mons), "
            "or a département number or name (93, 2A, Essonne)."
        ),
    ],
    procedure: Annotated[
        str,
        typer.Option(
            "--procedure",
            "-p",
            help="asylum | residence | rental (French: asile | séjour | location).",
        ),
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lang: LangOpt = DEFAULT,
) -> None:
    """Print the authority competent for a procedure at a place (name, address, notes, source)."""
    from .authorities import authorities_for, render_answer
    from .errors import WhereError

    if len(query) > 200 or any(ord(c) < 32 for c in query):
        fail("the place must be a short line of text")
    content = load()
    try:
        answer = authorities_for(content, query, procedure, lang.value)
    except WhereError as exc:
        fail(exc.text(lang.value))
    if json_out:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_answer(answer, lang.value), nl=False)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"parcours {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the wizard.")] = DEFAULT,
    no_mouse: Annotated[
        bool, typer.Option("--no-mouse", help="Ignore the mouse (fewer bytes on slow links).")
    ] = False,
    blink: Annotated[
        bool, typer.Option("--blink", help="Blinking text cursor (off by default: it costs bytes).")
    ] = False,
    mouse: Annotated[
        bool,
        typer.Option("--mouse", help="Use the mouse even over SSH or in kiosk mode."),
    ] = False,
    kiosk: Annotated[
        bool,
        typer.Option(
            "--kiosk",
            help="Shared account (SSH ForceCommand; also PARCOURS_KIOSK=1): resume only with a "
            "code, idle timeout, no mouse or animations, TEXTUAL_* variables ignored.",
        ),
    ] = False,
    idle_minutes: Annotated[
        float | None,
        typer.Option(
            help="Kiosk mode: clear the screen after this many idle minutes (default 5; "
            "also PARCOURS_IDLE_MINUTES).",
            min=0.01,
        ),
    ] = None,
    session_hours: Annotated[
        float | None,
        typer.Option(
            help="Saved answers expire after this many hours (default 24; also "
            "PARCOURS_SESSION_HOURS).",
            min=0.01,
            max=8760,
        ),
    ] = None,
    export_dir: Annotated[
        str | None,
        typer.Option(
            help="Folder the plan screen's export writes to (also PARCOURS_EXPORT_DIR); in kiosk "
            "mode file export is off unless it is set.",
        ),
    ] = None,
) -> None:
    """Start the wizard when no command is given."""
    if ctx.invoked_subcommand is None:
        from .launch import start_tui

        options: dict[str, Any] = {"lang": lang.value, "kiosk": kiosk, "blink": blink}
        if no_mouse or mouse:
            options["mouse"] = mouse and not no_mouse
        if idle_minutes is not None:
            options["idle_minutes"] = idle_minutes
        if session_hours is not None:
            options["session_hours"] = session_hours
        if export_dir:
            options["export_dir"] = export_dir
        start_tui(options)


def main() -> None:
    """Run the CLI; usage errors (unknown option or command, bad value) are one line too."""
    try:
        code = app(standalone_mode=False)
    except click.ClickException as exc:  # usage errors, raised instead of boxed
        line = " ".join(str(exc.format_message()).split())
        typer.echo(f"parcours: {line} (see parcours --help)", err=True)
        sys.exit(exc.exit_code or 2)
    except (KeyboardInterrupt, click.exceptions.Abort):
        typer.echo("", err=True)
        sys.exit(130)
    if isinstance(code, int) and code:
        sys.exit(code)
