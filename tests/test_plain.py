"""Plain mode: numbered questions on plain lines, the same engine, sessions and plans."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from parcours.wizard.flow import step
from parcours.wizard.launch import wants_plain
from parcours.wizard.plain import LINE_LIMIT, PlainWizard
from parcours.wizard.render import render_text
from parcours.wizard.sections import sections
from parcours.wizard.session import Sessions

from .test_cli import ROOT

# An asylum seeker refused by the CNDA, in detention, with family ties, living in Metz: what
# a person types, one line per question, and the answers the protocol would hold.
TYPED = ["4", "1", "3", "2", "Metz", "2"]
ANSWERS = {
    "situation": "asylum_refused",
    "refusal_cnda": "cnda_rejected",
    "refusal_oqtf": "detention",
    "refusal_grounds": ["family"],
    "refusal_residence": "Metz",
    "refusal_permit_refused": False,
}


def walk(content, today, lines, tmp_path=None, **options):
    """Run plain mode in process on ``lines``; (exit status, everything written)."""
    feed = iter(lines)
    out: list[str] = []
    sessions = Sessions(tmp_path / "sessions") if tmp_path is not None else None
    wizard = PlainWizard(
        content, "fr", today, lambda: next(feed, None), out.append, sessions, echo=True, **options
    )
    return wizard.run(), "".join(out).replace("\u00a0", " "), wizard  # (no-break spaces)


def plan_text(content, today, answers) -> str:
    return render_text(sections(step(content, answers, today).plan, "fr"))


def test_typed_numbers_reach_the_plan_step_gives_for_the_same_answers(content, today):
    status, out, wizard = walk(content, today, [f"{x}\n" for x in TYPED])
    assert status == 0
    assert wizard.answers["refusal_residence"] == "Metz"
    expected = plan_text(content, today, wizard.answers).replace("\u00a0", " ")
    assert expected in out  # the very plan `parcours plan` prints
    # `parcours step`/`plan` with the same answers as a file give the same plan.
    assert plan_text(content, today, ANSWERS).replace("\u00a0", " ") == expected
    assert "\x1b" not in out
    assert "1) Oui" in out and "2) Non" in out


def test_end_of_input_ends_cleanly_and_keeps_the_answers(content, today, tmp_path):
    status, out, wizard = walk(content, today, ["4\n", "1\n"], tmp_path)
    assert status == 0
    code = wizard.session.code
    assert f"Code de reprise : {code}" in out
    # A second person's run never sees them; typing the code at the first question resumes.
    status, out2, again = walk(
        content, today, [f"{code}\n", "3\n", "2\n", "Metz\n", "2\n"], tmp_path
    )
    assert status == 0 and "Session reprise : 2 réponse(s)" in out2
    assert again.answers["refusal_cnda"] == "cnda_rejected"
    assert plan_text(content, today, again.answers).replace("\u00a0", " ") in out2
    fresh_status, fresh, other = walk(content, today, ["q\n"], tmp_path)
    assert fresh_status == 0 and other.answers == {} and "cnda_rejected" not in fresh


def test_enter_on_nothing_asks_for_a_choice_and_a_wrong_number_says_the_range(content, today):
    _, out, wizard = walk(content, today, ["\n", "9\n", "oui\n", "4\n"])
    assert "Choisissez une réponse : tapez son numéro." in out
    assert "Pas de choix numéro 9 : tapez un numéro de 1 à 6." in out
    assert wizard.answers == {"situation": "asylum_refused"}


def test_back_review_and_help(content, today):
    _, out, wizard = walk(content, today, ["<\n", "4\n", "1\n", "r\n", "<\n", "r\n", "?\n"])
    assert "C'est la première question." in out
    review = out[out.index("Vos réponses :") :]
    assert "Décision de la CNDA : Oui : la CNDA a rejeté mon recours" in review
    assert wizard.answers == {"situation": "asylum_refused"}  # "<" took the CNDA answer back


def test_an_unknown_place_is_explained_and_asked_again(content, today):
    lines = ["4\n", "1\n", "3\n", "2\n", "Nulle-Part-Sur-Mer\n", "Metz\n", "2\n"]
    status, out, wizard = walk(content, today, lines)
    assert status == 0 and "Erreur :" in out
    assert out.count("Question 5 ") == 1  # asked once, answered at the second try
    assert wizard.answers["refusal_residence"] == "Metz" and "PLAN D'ACTION" in out


def test_control_characters_and_huge_lines_are_neither_echoed_nor_kept(content, today):
    huge = "4" + "x" * (LINE_LIMIT * 3)
    _, out, _ = walk(content, today, ["\x1b]0;pwned\x07\x1b[2J\n", huge + "\n", "q\n"])
    assert "\x1b" not in out and "\x07" not in out
    assert f"seuls les {LINE_LIMIT} premiers caractères" in out
    assert max(len(line) for line in out.splitlines()) <= LINE_LIMIT + 10


def test_ascii_only_writes_nothing_but_ascii(content, today):
    _, out, _ = walk(content, today, [f"{x}\n" for x in TYPED], ascii_only=True)
    assert out.isascii()
    assert "PLAN D'ACTION" in out and "Prefecture de la Moselle" in out


@pytest.mark.parametrize(
    ("options", "env", "tty", "plain"),
    [
        ({"plain": True}, {"TERM": "xterm"}, True, True),
        ({}, {"TERM": "dumb"}, True, True),
        ({}, {"TERM": "xterm"}, False, True),
        ({}, {"TERM": "xterm"}, True, False),
    ],
)
def test_plain_mode_starts_when_asked_on_a_dumb_terminal_or_without_one(
    monkeypatch, options, env, tty, plain
):
    from parcours.wizard import launch

    monkeypatch.setattr(launch, "has_terminal", lambda: tty)
    assert wants_plain(options, env) is plain


def _cli(args, stdin, env):
    merged = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "parcours", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=merged,
        timeout=60,
    )


def test_piped_input_reaches_a_plan_with_no_escape_codes(tmp_path):
    result = _cli(
        ["--plain", "--today", "2026-11-23"],
        "".join(f"{x}\n" for x in TYPED),
        {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")},
    )
    assert result.returncode == 0, result.stderr
    assert "PLAN D'ACTION" in result.stdout and "Fin du plan." in result.stdout
    assert "\x1b" not in result.stdout + result.stderr


def test_no_terminal_and_empty_input_ends_at_once_with_exit_0(tmp_path):
    started = time.monotonic()
    result = _cli([], "", {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 10
    assert "mode texte" in result.stdout and "\x1b" not in result.stdout


def test_lc_all_c_sends_only_ascii(tmp_path):
    result = _cli(
        ["--plain", "--today", "2026-11-23"],
        "".join(f"{x}\n" for x in TYPED),
        {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and "PLAN D'ACTION" in result.stdout


def test_term_dumb_in_a_real_terminal_starts_plain_mode(tmp_path):
    """In a pseudo-terminal with TERM=dumb: no alternate screen, no escape code, plain lines."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TERM": "dumb",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child: the wizard in the terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "parcours"], env)
    out = b""
    deadline = time.monotonic() + 30
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not sent and b"> " in out:
            os.write(fd, b"q\n")
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0
    assert "mode texte" in text and "Question 1" in text
    assert "\x1b" not in text


def test_session_file_holds_the_answers_plain_mode_gave(content, today, tmp_path):
    _, _, wizard = walk(content, today, ["4\n", "1\n", "q\n"], tmp_path)
    saved = Path(wizard.session.path).read_text(encoding="utf-8")
    assert re.search(r'"refusal_cnda":\s*"cnda_rejected"', saved)


# A closing mark or a currency never starts a wrapped line; an opening « never ends one.
FRENCH_MARKS = ("»", "?", "!", "€", ":", ";")


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_french_plan_never_starts_a_wrapped_line_with_a_mark_or_a_euro(content, today, width):
    """Wrapped lines (indented continuations) never begin with « » ? ! € : ; and a number's
    groups stay together; the urgency marks that begin an item ("!", "!!") are not wrapped."""
    out: list[str] = []
    feed = iter(f"{x}\n" for x in TYPED)
    wizard = PlainWizard(content, "fr", today, lambda: next(feed, None), out.append, width=width)
    assert wizard.run() == 0
    text = "".join(out)
    for line in text.splitlines():
        if line.startswith(" "):
            assert not line.lstrip().startswith(FRENCH_MARKS), line
        assert not line.rstrip().endswith("«"), line
    assert "\u00a0:" in text and "«\u00a0" in text


def test_the_text_plan_keeps_french_marks_with_their_words(content, today):
    """Every plan the path walk reaches (one in five, for time), as ``parcours plan`` prints it."""
    from parcours.wizard.plan import build_plan
    from parcours.wizard.walk import walk as every_path

    for i, path in enumerate(every_path(content, today)):
        if i % 5:
            continue
        text = render_text(sections(build_plan(content, path.answers, today), "fr"))
        for line in text.splitlines():
            if line.startswith(" "):
                assert not line.lstrip().startswith(FRENCH_MARKS), line
            assert not line.rstrip().endswith("«"), line
        assert not re.search(r"\d \d{3}\b", text)  # "50 000" is written 50\u00a0000


def test_plan_reads_a_saved_session_as_its_answers(content, today, tmp_path):
    """README: a session file holds answers in the step format; ``plan --answers`` takes it."""
    _, _, wizard = walk(content, today, [f"{x}\n" for x in TYPED], tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "parcours", "plan", "-a", str(wizard.session.path)]
        + ["--today", "2026-11-23"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == plan_text(content, today, wizard.answers)
