"""A locale that is not UTF-8: the full-screen wizard sends nothing but ASCII."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

import pytest
from parcours.screens.ascii_driver import to_ascii_cells
from parcours.wizard.glyphs import to_ascii, utf8_locale

from .test_cli import ROOT


@pytest.mark.parametrize(
    ("env", "utf8"),
    [
        ({}, True),
        ({"LANG": "C.UTF-8"}, True),
        ({"LANG": "fr_FR.utf8"}, True),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, False),
        ({"LC_CTYPE": "fr_FR.ISO-8859-1"}, False),
        ({"LANG": "POSIX"}, False),
    ],
)
def test_the_locale_decides_whether_the_terminal_takes_utf8(env, utf8):
    assert utf8_locale(env) is utf8


def test_one_cell_for_one_cell_and_ascii_forms():
    drawn = "Étape 1 · code : pomme ▊▔▁▎ ┌─┐│└┘ (•) Oui — « x » 50\u00a0€ … œuvre"
    cells = to_ascii_cells(drawn)
    assert cells.isascii() and len(cells) == len(drawn)
    assert cells.startswith('Etape 1 - code : pomme |--| +-+|++ (*) Oui - " x " 50 E . ouvre')
    assert to_ascii("« 50\u00a0000\u00a0€ » — oui…") == '" 50 000 EUR " - oui...'


def _run_in_a_pty(env: dict[str, str], keys: list[bytes], seconds: float = 25.0) -> bytes:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the wizard in an 80x24 terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "parcours"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    deadline = time.monotonic() + seconds
    pending = list(keys)
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.3)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5 and b"Quitter" in out:
            if not pending:
                break
            os.write(fd, pending.pop(0))
            quiet_since = time.monotonic()
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return out


def test_lc_all_c_the_wizard_sends_only_ascii(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LC_ALL": "C",
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("NO_COLOR", None)
    # The welcome screen, the first question (Enter on "Commencer"), then a choice.
    out = _run_in_a_pty(env, [b"\r", b"\x1b[B", b"\x1b[B"])
    assert b"Quitter" in out and b"Etape 1" in out  # it did draw, accents made plain
    assert all(byte < 0x80 for byte in out), sorted({b for b in out if b >= 0x80})[:10]


def _command_in_a_pty(args: list[str], env: dict[str, str]) -> bytes:
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "parcours", *args], env)
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 20)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return out


def test_commands_write_ascii_to_a_c_locale_terminal_and_utf8_to_a_pipe(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C", "HOME": str(tmp_path)}
    shown = _command_in_a_pty(["authority", "Metz", "-p", "asile"], env)
    assert b"Prefecture de Metz" in shown and all(b < 0x80 for b in shown)
    as_json = _command_in_a_pty(["authority", "Metz", "-p", "asile", "--json"], env)
    assert all(b < 0x80 for b in as_json) and b"Pr\\u00e9fecture de Metz" in as_json
    piped = subprocess.run(
        [sys.executable, "-m", "parcours", "authority", "Metz", "-p", "asile"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert "Préfecture de Metz".encode() in piped.stdout  # a file or pipe gets UTF-8
