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
