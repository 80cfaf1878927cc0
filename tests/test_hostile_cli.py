"""Hostile input to the command line: one line, exit 2, nothing raw sent to the terminal.

Every message that quotes what was sent shows control characters (C0, DEL, C1, bidi overrides,
NUL, BS) as visible escapes; huge numbers, dates out of range and duplicate keys are refused in
one line; no traceback; exit 1 only for content that fails check-data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parcours.wizard.cli import app
from typer.testing import CliRunner

from .conftest import HOLDER_93
from .test_cli import run

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x7f", "\x00", "\x08", "\u2066")
PAYLOADS = (
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x9b31m",
    "\u202eevil",
    "a\x7fb\x00c\x08d",
    "\u2066x\u2069",
)


def assert_one_safe_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert not any(c in stderr for c in RAW), repr(stderr)
    assert "Traceback" not in stderr
    return lines[0]


def invoke(args: list[str], stdin: str | None = None):
    """The CLI in-process (Typer's runner): exit code, stdout and stderr apart."""
    return CliRunner().invoke(app, args, input=stdin)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    "make",
    [
        lambda p: {"situation": p},  # unknown option id
        lambda p: {p: "x"},  # unknown question id
        lambda p: {
            "situation": "ps_holder",
            "ps_card": "none_yet",
            "married": False,
            "residence": p,
        },  # unknown place
        lambda p: {
            "situation": "asylum_refused",
            "refusal_grounds": [p],
        },  # unknown option in a list
    ],
    ids=["option", "question", "place", "multiple"],
)
def test_answers_quoting_control_characters_are_escaped(make, payload):
    result = invoke(["step", "-a", "-", "--json"], json.dumps(make(payload)))
    assert result.exit_code == 2
    line = assert_one_safe_line(result.stderr)
    assert line.startswith("parcours: ")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_options_quoting_control_characters_are_escaped(payload):
    for args in (
        ["step", "-a", "-", "--flow", payload],
        ["step", "-a", "-", "--today", payload],
        ["authority", payload, "--procedure", "asile"],
        ["authority", "93", "--procedure", payload],
        ["authority", "Paris" + payload, "--procedure", "asile"],
    ):
        result = invoke(args, "{}")
        assert result.exit_code == 2, (args, result.output)
        assert_one_safe_line(result.stderr)


def test_the_escape_is_visible():
    result = invoke(["step", "-a", "-"], json.dumps({"situation": "\x1b]0;pwned\x07"}))
    assert "\\x1b]0;pwned\\x07" in result.stderr
    result = invoke(["authority", "93", "-p", "\u202eevil"])
    assert "\\u202eevil" in result.stderr


def test_a_quoted_value_is_bounded():
    result = invoke(["step", "-a", "-"], json.dumps({"situation": "x" * 5000}))
    assert result.exit_code == 2 and len(result.stderr) < 400


def test_json_output_carries_no_raw_control_character():
    # The place query is echoed in the authority answer: escaped in JSON, same value.
    result = invoke(["authority", "93200", "-p", "asile", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["query"] == "93200"


# -- numbers, dates, duplicate keys -----------------------------------------------------------

HUGE = "1" + "0" * 400


@pytest.mark.parametrize(
    "number",
    [HUGE, "-" + HUGE, "1e400", "1e308", "-1e-320"],
    ids=["huge", "-huge", "1e400", "1e308", "tiny"],
)
@pytest.mark.parametrize(
    "before",
    [
        {"situation": "ps_holder", "ps_card": "multi_year"},  # ps_years
        {"situation": "rental", "rental_place": "91200", "rental_kind": "whole_main"},
    ],
    ids=["ps_years", "rental_days"],
)
def test_huge_and_tiny_numbers_are_refused_in_one_line(number, before):
    qid = "ps_years" if "ps_card" in before else "rental_days"
    text = json.dumps(before)[:-1] + f', "{qid}": {number}}}'
    result = invoke(["step", "-a", "-", "--json"], text)
    assert result.exit_code == 2, result.output
    assert_one_safe_line(result.stderr)


@pytest.mark.parametrize(
    "day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "", "x"]
)
def test_today_out_of_range_is_one_line(day):
    for args in (
        ["step", "-a", "-", "--today", day],
        ["plan", "-a", "-", "--today", day],
        ["check-data", "--today", day],
        ["--today", day],
    ):
        result = invoke(args, json.dumps(HOLDER_93))
        assert result.exit_code == 2, (args, result.output)
        assert_one_safe_line(result.stderr)


def test_today_at_the_edges_of_the_range_gives_a_plan():
    answers = json.dumps({**HOLDER_93, "document_expiry": None})  # "I don't know"
    for day in ("1900-01-01", "2100-12-31"):
        result = invoke(["plan", "-a", "-", "--today", day, "-f", "json"], answers)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["today"] == day


def test_the_wizard_accepts_today():
    from parcours.wizard.launch import tui_options

    assert tui_options(["--today", "2026-01-31"])["today"].isoformat() == "2026-01-31"
    assert tui_options(["--lang", "en", "--today=2026-01-31", "--no-mouse"])["mouse"] is False
    assert tui_options(["--today", "9999-12-31"]) is None  # the CLI then says why, in one line
    result = run(["--today", "9999-12-31"])
    assert result.returncode == 2
    assert_one_safe_line(result.stderr)


def test_the_wizard_starts_with_today(monkeypatch):
    started = {}

    def fake_run(**kw):
        started.update(kw)

    import parcours.screens.app as screens_app
    import parcours.wizard.launch as launch

    monkeypatch.setattr(screens_app, "run", fake_run)
    monkeypatch.setattr(launch, "has_terminal", lambda: True)  # the runner has no terminal
    monkeypatch.setattr(launch, "scrub_textual_env", lambda: [])  # keep pytest's TEXTUAL_*
    result = invoke(["--today", "2030-06-01", "--lang", "en", "--kiosk"])
    assert result.exit_code == 0, result.output
    assert started["today"].isoformat() == "2030-06-01" and started["lang"] == "en"
    assert started["kiosk"] is True  # issue 9's settings and issue 10's date, together
    started.clear()
    # The console entry without Typer takes the same path.
    monkeypatch.setattr("sys.argv", ["parcours", "--today=2030-06-02", "--kiosk"])
    launch.main()
    assert started["today"].isoformat() == "2030-06-02" and started["kiosk"] is True


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_datetime_answer_is_bounded_and_echoed_safely(payload: str):
    answers = {
        "situation": "asylum_apply",
        "asylum_entry": "border",
        "border_refused": True,
        "border_refusal_time": f"2026-04-18T22:30{payload}",
    }
    result = invoke(["step", "-a", "-", "--today", "2026-04-19"], json.dumps(answers))
    assert result.exit_code == 2, result.output
    line = assert_one_safe_line(result.stderr)
    assert "border_refusal_time" in line
    for bad in ("2026-04-18T22:30\n", "9999-12-31T23:59", "2026-02-30T10:00", "2026-04-18T25:00"):
        bad_answers = json.dumps({**answers, "border_refusal_time": bad})
        result = invoke(["step", "-a", "-", "--today", "2026-04-19"], bad_answers)
        assert result.exit_code == 2, (bad, result.output)
        assert_one_safe_line(result.stderr)


def test_content_export_writes_only_as_asked(tmp_path: Path):
    out = tmp_path / "sheet.csv"
    assert invoke(["content", "export", "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600  # a new file is private
    again = invoke(["content", "export", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in assert_one_safe_line(again.stderr)
    assert invoke(["content", "export", "-o", str(out), "--force"]).exit_code == 0
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    refused = invoke(["content", "export", "-o", str(link), "--force"])
    assert refused.exit_code == 2 and not (tmp_path / "elsewhere.csv").exists()
    assert "lien symbolique" in assert_one_safe_line(refused.stderr)
    fifo = tmp_path / "fifo.csv"
    import os

    os.mkfifo(fifo)
    refused = invoke(["content", "export", "-o", str(fifo), "--force"])
    assert refused.exit_code == 2
    assert_one_safe_line(refused.stderr)
    hostile = tmp_path / "\x1b]0;pwned\x07\u202e" / "sheet.csv"
    refused = invoke(["content", "export", "-o", str(hostile), "--lang", "en"])
    assert refused.exit_code == 2
    assert "no such folder" in assert_one_safe_line(refused.stderr)


def test_duplicate_keys_are_refused(tmp_path):
    text = '{"situation": "ps_holder", "situation": "rental"}'
    result = invoke(["step", "-a", "-"], text)
    assert result.exit_code == 2
    line = assert_one_safe_line(result.stderr)
    assert "situation" in line and "twice" in line


def test_nested_duplicate_keys_are_refused():
    result = invoke(["step", "-a", "-"], '{"situation": "ps_holder", "x": {"a": 1, "a": 2}}')
    assert result.exit_code == 2
    assert "twice" in assert_one_safe_line(result.stderr)


def test_deeply_nested_answers_are_one_line():
    result = run(["step", "-a", "-"], stdin="[" * 100_000 + "]" * 100_000)
    assert result.returncode == 2
    assert_one_safe_line(result.stderr)


def test_a_folder_as_answers_is_refused(tmp_path: Path):
    result = invoke(["step", "-a", str(tmp_path)])
    assert result.exit_code == 2
    assert_one_safe_line(result.stderr)
