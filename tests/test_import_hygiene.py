"""Commands that do not open the TUI never import Textual (start-up time, small installs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.tui_support import HOLDER

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_cli_plan_does_not_import_textual(tmp_path: Path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(HOLDER), encoding="utf-8")
    code = (
        "import sys\n"
        "from parcours.wizard.cli import app\n"
        "try:\n"
        "    app(['plan', '--answers', sys.argv[1], '--today', '2026-11-23', '--output',"
        " sys.argv[2]])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    out = run_python(code, str(answers), str(tmp_path / "plan.txt"))
    assert "TEXTUAL False" in out
    assert "PLAN D'ACTION" in (tmp_path / "plan.txt").read_text(encoding="utf-8")


def test_engine_modules_do_not_import_textual():
    code = (
        "import sys, pkgutil, importlib, parcours.wizard as wizard\n"
        "for m in pkgutil.iter_modules(wizard.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('parcours.wizard.' + m.name)\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    assert "TEXTUAL False" in run_python(code)


CALENDAR = ("parcours.wizard.calendar_fr", "holidays", "zoneinfo")


def test_starting_to_the_first_question_does_not_load_the_calendar(tmp_path: Path):
    """The public-holiday calendar is loaded when a deadline is computed, not at start-up."""
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import parcours.wizard.launch\n"
        "from parcours.screens.app import make_app\n"
        "from parcours.screens.question import QuestionScreen\n"
        "async def pilot(p):\n"
        "    await p.pause()\n"
        "    await p.press('enter')\n"
        "    await p.pause()\n"
        "    assert isinstance(p.app.screen, QuestionScreen), p.app.screen\n"
        f"    print('LOADED', sorted(m for m in {CALENDAR!r} if m in sys.modules))\n"
        "    p.app.exit()\n"
        "app = make_app(today=date(2026, 11, 23), session_dir=sys.argv[1], cursor_blink=False)\n"
        "app.run(headless=True, size=(80, 24), auto_pilot=pilot)\n"
    )
    assert "LOADED []" in run_python(code, str(tmp_path / "sessions"))


def test_a_plan_with_a_moved_deadline_loads_the_calendar_then(tmp_path: Path):
    answers = {
        "situation": "asylum_apply",
        "asylum_entry": "in_france",
        "asylum_stage": "ofpra_refused",
        "ofpra_decision_date": "2026-04-03",
    }
    code = (
        "import sys, json\n"
        "from datetime import date\n"
        "from parcours.wizard.content import load_content\n"
        "from parcours.wizard.flow import step\n"
        "content = load_content()\n"
        "step(content, {'situation': 'asylum_apply'}, date(2026, 4, 20))\n"
        "print('BEFORE', 'parcours.wizard.calendar_fr' in sys.modules)\n"
        "result = step(content, json.loads(sys.argv[1]), date(2026, 4, 20))\n"
        "loaded = 'parcours.wizard.calendar_fr' in sys.modules\n"
        "print('AFTER', loaded, result.plan.deadlines[0].date)\n"
        "print('HOLIDAYS', 'holidays' in sys.modules)\n"
    )
    out = run_python(code, json.dumps(answers))
    assert "BEFORE False" in out and "AFTER True 2026-05-04" in out and "HOLIDAYS False" in out
