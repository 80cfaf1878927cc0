"""Fuzzing the protocol: answer files generated from the real questions, valid and hostile.

Random valid walks through the questions, then damage: wrong types, unknown ids, huge and tiny
numbers, odd dates, control and escape characters. Every ``step``/``plan`` run must end in exit
0 with valid JSON, or exit 2 with exactly one line holding no raw control character. In-process
through Typer's runner (the content loaded once), and a few through the real command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from parcours.wizard import cli
from parcours.wizard.content import Content
from parcours.wizard.flow import step
from parcours.wizard.model import Question
from typer.testing import CliRunner

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]
PLACES = ("93200", "75001", "91200", "Athis-Mons", "Paris", "2A", "971", "13", "Essonne")
HOSTILE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab[]/@=()'\"\\{}$:;,.-0123456789 é«»")
        + ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\ufeff"]
        + ["\n", "\t", "\r", "\u2028", "\U000e0001"]
    ),
    max_size=40,
)
HOSTILE_NUMBERS = st.sampled_from(
    [10**400, -(10**400), 10**15 + 1, 2**63, -(2**63), 1e308, -1e308, 5e-324, 0.5, -0.0, 1e16]
)
ODD_DATES = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "2026-02-29",
        "2028-02-29",
        "2026-13-01",
        "2026-00-10",
        "1899-12-31",
        "2101-01-01",
        "31/12/2026",
        "2026-1-1",
        " 2026-01-01",
        "２０２６-01-01",
        "",
    ]
)
HOSTILE = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_NUMBERS,
    ODD_DATES,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.one_of(HOSTILE_TEXT, st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def valid_value(draw: st.DrawFn, q: Question) -> Any:
    """A value the question accepts (most of the time: bounds are drawn near their edges)."""
    if q.optional and draw(st.integers(0, 5)) == 0:
        return None
    if q.type == "single_choice":
        return draw(st.sampled_from([o.id for o in q.options]))
    if q.type == "multiple_choice":
        return draw(st.lists(st.sampled_from([o.id for o in q.options]), unique=True))
    if q.type == "yes_no":
        return draw(st.booleans())
    if q.type == "date":
        day = TODAY + timedelta(days=draw(st.integers(-40 * 365, 5 * 365)))
        return day.isoformat()
    if q.type == "number":
        return draw(st.integers(-2, 400))
    if q.type == "place":
        return draw(st.sampled_from(PLACES))
    return draw(HOSTILE_TEXT)


@st.composite
def answer_files(draw: st.DrawFn, content: Content) -> tuple[str, dict[str, Any] | str]:
    """(flow, document): a random walk through ``flow``, then some damage."""
    flow = draw(st.sampled_from(content.flows))
    view = content.with_flow(flow)
    answers: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 14))):
        try:
            result = step(view, answers, TODAY)
        except ValueError:
            break  # a drawn value was refused: the walk stops here, the file is still sent
        if result.question is None:
            break
        answers[result.question.id] = valid_value(draw, result.question)
    ids = [q.id for q in view.questions]
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["replace", "unknown", "drop", "wrong"]))
        if how == "replace" and answers:
            answers[draw(st.sampled_from(sorted(answers)))] = draw(HOSTILE)
        elif how == "unknown":
            answers[draw(st.one_of(HOSTILE_TEXT, st.sampled_from(["x" * 100, "situation "])))] = (
                draw(HOSTILE)
            )
        elif how == "drop" and answers:
            answers.pop(draw(st.sampled_from(sorted(answers))))
        else:
            answers[draw(st.sampled_from(ids))] = draw(HOSTILE)
    if draw(st.integers(0, 20)) == 0:
        return flow, draw(st.sampled_from(["[]", "null", "1", '"x"', "{", "{}" * 2, "\x1b"]))
    return flow, answers


def is_unsafe(char: str) -> bool:
    """Control, format (bidi...), separator, private or unassigned: never raw on a terminal."""
    return unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"}


def assert_well_behaved(code: int, stdout: str, stderr: str, json_out: bool) -> None:
    assert "Traceback" not in stderr
    assert code in (0, 2), (code, stdout, stderr)
    if code == 0:
        if json_out:
            json.loads(stdout)
        assert not any(is_unsafe(c) for c in stdout.replace("\n", "")), repr(stdout)
    else:
        lines = stderr.splitlines()
        assert len(lines) == 1, stderr
        assert stderr.endswith("\n") and not any(is_unsafe(c) for c in lines[0]), repr(stderr)


@pytest.fixture(scope="module")
def loaded(content: Content) -> Any:
    """The CLI's content loader answering with the content loaded once (geography included)."""
    content.geo.resolve("93200")
    return content


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_step_and_plan_run_is_json_or_one_safe_line(
    data: st.DataObject, loaded: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "load", lambda: loaded)
    flow, document = data.draw(answer_files(loaded))
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    runner = CliRunner()
    lang = data.draw(st.sampled_from(["fr", "en"]))
    today = data.draw(st.sampled_from(["2026-11-23", "1900-01-01", "2100-12-31"]))
    common = ["-a", "-", "--flow", flow, "--lang", lang, "--today", today]
    for args, json_out in (
        (["step", *common, "--json"], True),
        (["step", *common], False),
        (["plan", *common, "-f", "json"], True),
        (["plan", *common], False),
    ):
        result = runner.invoke(cli.app, args, input=text)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert_well_behaved(result.exit_code, result.stdout, result.stderr, json_out)
        done = result.exit_code == 0 and '"done": true' in result.stdout
        event(f"{args[0]}: exit {result.exit_code}{' (plan)' if done else ''}")


SUBPROCESS_CASES = [
    {"situation": "\x1b]0;pwned\x07"},
    {"situation": "ps_holder", "ps_card": "multi_year", "ps_years": 10**400},
    {"\u202e": [None, {"a": 1}], "situation": "rental"},
    {
        "situation": "rental",
        "rental_place": "91200",
        "rental_kind": "whole_main",
        "rental_days": 1e308,
    },
    {
        "situation": "ps_holder",
        "ps_card": "none_yet",
        "married": False,
        "residence": "93200",
        "document_expiry": "0001-01-01",
        "travel": False,
    },
]


@pytest.mark.parametrize("document", SUBPROCESS_CASES)
def test_the_real_command_too(document: dict[str, Any], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    for args, json_out in ((["step", "--json"], True), (["plan", "-f", "json"], True)):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "parcours",
                *args,
                "-a",
                "-",
                "--today",
                date(2026, 11, 23).isoformat(),
            ],
            input=json.dumps(document),
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            env=env,
        )
        assert_well_behaved(result.returncode, result.stdout, result.stderr, json_out)
