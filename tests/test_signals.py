"""SIGTERM, SIGHUP and Ctrl+C keep the last answer saved, and the wizard exits promptly.

The checkout's wizard runs in a real pseudo-terminal (the pty driver from ``bench_wire``).
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
import time
from pathlib import Path

import pytest

from tests.bench_wire import Wire


def exit_status(pid: int, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "ctrl+c"])
def test_the_last_answer_survives_a_signal(how: str):
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "XDG_DATA_HOME": tmp,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        wire = Wire(["--kiosk"], env)
        try:
            wire.quiet()
            wire.send("enter")  # Commencer
            wire.quiet()
            wire.send("down", "enter")  # the first situation
            wire.quiet()
            if how == "ctrl+c":
                wire.send("ctrl+c")
            else:
                os.kill(wire.pid, getattr(signal, how))
            status = exit_status(wire.pid, 5.0)
            assert status is not None, f"still running 5 s after {how}"
        finally:
            wire.alive = False
            if exit_status(wire.pid, 0) is None:
                try:
                    os.kill(wire.pid, signal.SIGKILL)
                    os.waitpid(wire.pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
            os.close(wire.fd)
        (session,) = (Path(tmp) / "parcours" / "sessions").glob("*.json")
        answers = json.loads(session.read_text(encoding="utf-8"))["answers"]
        assert answers == {"situation": "ps_holder"}
