"""The `parcours` launcher: the bare command goes to the TUI, everything else to Typer; no
terminal means one line, not a full-screen app; kiosk settings and environment scrubbing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["--lang", "en"], {"lang": "en"}),
        (["--lang=en", "--no-mouse"], {"lang": "en", "mouse": False}),
        (["--no-mouse"], {"mouse": False}),
        (["--blink", "--lang", "en"], {"blink": True, "lang": "en"}),
        (["--kiosk", "--idle-minutes", "2"], {"kiosk": True, "idle_minutes": "2"}),
        (["--session-hours=3", "--mouse"], {"session_hours": "3", "mouse": True}),
        (["--idle-minutes", "zero"], None),  # the CLI explains the bad value
        (["--lang", "de"], None),
        (["--lang"], None),
        (["--help"], None),
        (["--version"], None),
        (["plan", "--answers", "x"], None),
        (["--no-mouse", "--no-mouse"], None),
        (["--mouse", "--no-mouse"], None),
    ],
)
def test_launcher_sends_only_the_bare_command_to_the_tui(args, options):
    from parcours.wizard.launch import tui_options

    assert tui_options(args) == options


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SSH_CONNECTION", "PARCOURS_KIOSK")}
    return {**env, **extra}


def test_settings_turn_mouse_and_animations_off_over_ssh_and_in_kiosk(monkeypatch):
    from parcours.wizard.launch import settings

    for name in ("SSH_CONNECTION", "PARCOURS_KIOSK", "PARCOURS_IDLE_MINUTES"):
        monkeypatch.delenv(name, raising=False)
    local = settings({})
    assert local["mouse"] and local["animations"] and not local["kiosk"]
    assert local["idle_seconds"] is None and local["session_ttl"] == 24 * 3600
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    remote = settings({})
    assert not remote["mouse"] and not remote["animations"] and not remote["kiosk"]
    assert settings({"mouse": True})["mouse"]  # unless asked otherwise
    monkeypatch.delenv("SSH_CONNECTION")
    monkeypatch.setenv("PARCOURS_KIOSK", "1")
    monkeypatch.setenv("PARCOURS_IDLE_MINUTES", "2")
    kiosk = settings({"session_hours": "3"})
    assert kiosk["kiosk"] and not kiosk["mouse"] and not kiosk["animations"]
    assert kiosk["idle_seconds"] == 120 and kiosk["session_ttl"] == 3 * 3600
    monkeypatch.setenv("PARCOURS_IDLE_MINUTES", "never")
    with pytest.raises(ValueError):
        settings({})


def test_export_folder_comes_from_the_command_line_or_the_environment(monkeypatch):
    """Issue 11's export dialog writes to ``--export-dir`` / PARCOURS_EXPORT_DIR; in kiosk mode
    nothing else enables file export (tests/test_tui_export.py checks the plan screen)."""
    from parcours.wizard.launch import settings, tui_options

    monkeypatch.delenv("PARCOURS_EXPORT_DIR", raising=False)
    assert settings({})["export_dir"] is None
    monkeypatch.setenv("PARCOURS_EXPORT_DIR", "/srv/plans")
    assert settings({})["export_dir"] == "/srv/plans"
    assert settings({"export_dir": "/tmp/x"})["export_dir"] == "/tmp/x"
    assert tui_options(["--kiosk", "--export-dir", "/tmp/x"]) == {
        "kiosk": True,
        "export_dir": "/tmp/x",
    }


def test_kiosk_removes_textual_variables():
    from parcours.wizard.launch import scrub_textual_env

    env = {"TEXTUAL": "devtools", "TEXTUAL_SCREENSHOT": "1", "TEXTUALX": "keep", "LANG": "C"}
    assert sorted(scrub_textual_env(env)) == ["TEXTUAL", "TEXTUAL_SCREENSHOT"]
    assert env == {"TEXTUALX": "keep", "LANG": "C"}


@pytest.mark.parametrize("args", [[], ["--kiosk"], ["--lang", "en", "--kiosk"]])
def test_without_a_terminal_plain_mode_ends_at_once_on_empty_input(args, tmp_path: Path):
    """No terminal (``parcours </dev/null``, ``ssh -T``): plain mode, which ends at the end of
    input with exit 0, writes nothing for a run that answered nothing and leaves no process."""
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "parcours", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(XDG_DATA_HOME=str(tmp_path)),
        timeout=20,
    )
    elapsed = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    assert ("text mode" if "en" in args else "mode texte") in out.stdout
    assert "\x1b" not in out.stdout and out.stderr == ""
    assert elapsed < 3.0  # well under a second here; slack for a loaded machine
    assert not any(tmp_path.iterdir())  # nothing written


def test_without_a_terminal_a_bad_option_is_one_line(tmp_path: Path):
    out = subprocess.run(
        [sys.executable, "-m", "parcours", "--lang", "xx"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(XDG_DATA_HOME=str(tmp_path)),
        timeout=20,
    )
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_the_typer_callback_passes_the_export_folder_to_the_wizard(monkeypatch):
    """``parcours --lang en --export-dir DIR`` through Typer (any option the launcher does not
    take alone sends the command line there) reaches start_tui with the folder."""
    import parcours.wizard.launch as launch
    from parcours.wizard.cli import app
    from typer.testing import CliRunner

    seen: list[dict] = []
    monkeypatch.setattr(launch, "start_tui", seen.append)
    result = CliRunner().invoke(app, ["--kiosk", "--export-dir", "/srv/plans"])
    assert result.exit_code == 0, result.output
    assert seen and seen[0]["export_dir"] == "/srv/plans" and seen[0]["kiosk"]
