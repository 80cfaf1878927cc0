"""The wizard in a real terminal: tmux at 80x24, keys sent with send-keys, screen read back.

Runs the checkout's code (``python -m parcours`` from the repository root) with a temporary HOME
and XDG_DATA_HOME, so no real session file is touched, and its own tmux server socket.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        pytest.fail("tmux is required for the real-terminal test (.ci/run installs it)")
    pytest.skip("tmux is not installed", allow_module_level=True)


class Tmux:
    """One detached tmux session on a private server socket."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "wizard")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "wizard", *keys)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path: Path):
    server = Tmux(f"parcours-test-{uuid.uuid4().hex[:8]}")
    yield server
    server.run("kill-server")


@pytest.mark.parametrize(
    "term_env",
    [{"TERM": "xterm-256color"}, {"TERM": "linux", "NO_COLOR": "1"}],
    ids=["xterm", "linux-no-color"],
)
def test_two_questions_in_a_real_terminal(tmux: Tmux, tmp_path: Path, term_env: dict[str, str]):
    home = tmp_path / "home"
    data = tmp_path / "xdg-data"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(data), "LANG": "C.UTF-8", **term_env}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (
        f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.quote(sys.executable)} -m parcours; "
        "echo parcours-exited-$?; sleep 30"
    )
    tmux.run("new-session", "-d", "-s", "wizard", "-x", "80", "-y", "24", command)

    welcome = tmux.wait_for("Commencer")
    assert "n'envoie rien" in welcome
    assert "> Commencer" in welcome  # the menu cursor is a character, not a colour
    tmux.keys("Enter")
    first = tmux.wait_for("Étape 1")
    assert "(•)" not in first  # nothing is chosen for the person
    tmux.keys("Enter")
    tmux.wait_for("Choisissez une réponse")
    tmux.keys("Down", "Enter")  # first option: protection subsidiaire holder
    question = tmux.wait_for("Étape 2")
    assert "( ) Pas encore de carte" in question and "(•)" not in question
    tmux.keys("Down")
    tmux.wait_for("(•) Pas encore de carte")
    tmux.keys("Down")
    tmux.wait_for("(•) La carte pluriannuelle")
    tmux.keys("Up", "Enter")  # no card yet
    third = tmux.wait_for("Étape 3")
    assert "marié" in third
    assert "Retour" in tmux.wait_for("Quitter")  # the footer shows the keys
    assert "code de reprise" in third

    (session,) = (data / "parcours" / "sessions").glob("*.json")
    assert json.loads(session.read_text(encoding="utf-8"))["answers"] == {
        "situation": "ps_holder",
        "ps_card": "none_yet",
    }

    tmux.keys("q")
    tmux.wait_for("Oui, quitter")
    tmux.keys("y")
    tmux.wait_for("parcours-exited-0")
    # Nothing but the session (and its lock) was written under HOME or the data directory.
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    folder = "xdg-data/parcours/sessions"
    assert written == [f"{folder}/{session.stem}.json", f"{folder}/{session.stem}.lock"]


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) missing")
@pytest.mark.parametrize(
    "term_env",
    [{"TERM": "xterm-256color"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["xterm", "no-color"],
)
def test_the_plan_screen_and_its_qr_code_in_a_real_terminal(
    tmux: Tmux, tmp_path: Path, term_env: dict[str, str]
):
    """Resume an Ofpra refusal notified 10 days ago: the first screen of the plan shows the
    CNDA appeal; the QR code, read back from the terminal's own cells (glyphs and colours,
    ``capture-pane -e``), decodes with zbarimg to the summary the screen prints beside it."""
    from parcours.wizard.content import load_content
    from parcours.wizard.flow import step
    from parcours.wizard.sections import BriefItem
    from parcours.wizard.sections import sections as plan_sections
    from parcours.wizard.session import SessionData, Sessions
    from rich.text import Text

    from tests.examples import OFPRA_REFUSED_10_DAYS
    from tests.qr_decode import decode, modules, write_png

    home = tmp_path / "home"
    data = tmp_path / "xdg-data"
    home.mkdir()
    saved = Sessions(data / "parcours" / "sessions").create()
    assert saved.save(SessionData("main", "fr", dict(OFPRA_REFUSED_10_DAYS))) is None
    saved.close()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(data), "LANG": "C.UTF-8", **term_env}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (
        f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.quote(sys.executable)} -m parcours; "
        "sleep 30"
    )
    tmux.run("new-session", "-d", "-s", "wizard", "-x", "80", "-y", "24", command)
    tmux.wait_for("Reprendre la dernière session")
    tmux.keys("Down", "Enter")  # resume the last session: the answers are complete, the plan shows
    plan = tmux.wait_for("EN BREF")
    # The wizard counts from the real clock: the expected words come from the engine for today.
    sections = plan_sections(step(load_content(), OFPRA_REFUSED_10_DAYS, date.today()).plan, "fr")
    brief = sections.section("brief")
    assert brief is not None
    first = brief.items[0]
    assert isinstance(first, BriefItem) and first.key == "deadline"
    assert "Recours devant la CNDA" in plan and "URGENT, dans" in plan
    tmux.keys("c")
    tmux.wait_for("Résumé complet")
    time.sleep(0.3)
    cells = tmux.run("capture-pane", "-e", "-p", "-t", "wizard").splitlines()
    width = len(tmux.screen().splitlines()[0].rstrip())  # the quiet zone's top row
    drawn = Text("\n").join(Text.from_ansi(line)[:width] for line in cells[:23])
    text = decode(write_png(modules(drawn), tmp_path / "screen.png"))
    assert text.startswith(first.compact + "\n")
    caption = [line[width:].strip() for line in tmux.screen().splitlines()]
    assert " ".join(first.compact.split()) in " ".join(" ".join(caption).split())
    assert "Résumé complet" in caption
