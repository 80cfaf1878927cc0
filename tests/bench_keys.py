"""What a keystroke costs on the place question, against a bare Textual input, over a real pty.

Run: ``python tests/bench_keys.py`` (Linux). For each app, types "Athis-Mons" one key at a time,
waits until the screen is quiet after each key, and prints the CPU time and the bytes the app
sent per keystroke, then the bytes sent while idle for 3 seconds. Targets (issue 15): under
10 ms CPU and under 2 KB per keystroke; 0 bytes idle.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.examples import HOLDER_93  # noqa: E402

TYPED = "Athis-Mons"

# The wizard, taken to the place question by its own pilot (the keys a person would press).
PARCOURS = """
import json, sys
from datetime import date
from parcours.screens.app import make_app
from parcours.screens.widgets import ChoiceList
answers = json.loads(sys.argv[2])
async def to_place_question(pilot):
    await pilot.pause()
    await pilot.press("enter")  # "Commencer"
    for _ in range(len(answers)):
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        choices = screen.query_one(ChoiceList)
        wanted = answers[screen.question.id]
        wanted = {True: "true", False: "false"}.get(wanted, wanted)
        ids = [o.id for o in choices.options]
        await pilot.press(*["down"] * (ids.index(wanted) + 1), "enter")
app = make_app(today=date(2026, 11, 23), session_dir=sys.argv[1])
app.run(mouse=False, auto_pilot=to_place_question)
"""

# A bare Textual app: one input, nothing else.
BARE = """
from textual.app import App
from textual.widgets import Input
class Bare(App):
    def compose(self):
        yield Input(placeholder="lieu")
Bare().run(mouse=False)
"""


def spawn(code: str, *args: str) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in the pty
        os.environ.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
        os.execv(sys.executable, [sys.executable, "-c", code, *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd: int, quiet: float = 0.25, limit: float = 10.0) -> int:
    """Read until nothing comes for ``quiet`` seconds; the bytes read."""
    total, deadline = 0, time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        total += len(chunk)
    return total


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def measure(name: str, code: str, *args: str, before: list[bytes]) -> dict[str, float]:
    pid, fd = spawn(code, *args)
    try:
        drain(fd, quiet=1.0)  # start-up
        for keys in before:
            os.write(fd, keys)
            drain(fd, quiet=0.5)
        time.sleep(2.0)  # let any background load finish
        drain(fd, quiet=0.5)
        sent = []
        start = cpu_ms(pid)  # clock ticks are 10 ms: time all the keys, then divide
        for ch in TYPED:
            os.write(fd, ch.encode())
            sent.append(drain(fd))
        cpu = (cpu_ms(pid) - start) / len(TYPED)
        idle_start = time.monotonic()
        idle = drain(fd, quiet=3.0, limit=3.0)
        idle_for = time.monotonic() - idle_start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return {
        "cpu": cpu,
        "kb": statistics.median(sent) / 1024,
        "total_kb": sum(sent) / 1024,
        "idle": idle / max(idle_for, 0.001),
    }


def collect() -> dict[str, dict[str, float]]:
    """CPU ms and KB a key, KB in all and bytes a second idle: the place question, a bare input."""
    with tempfile.TemporaryDirectory() as tmp:
        answers = {k: HOLDER_93[k] for k in ("situation", "ps_card", "married")}
        return {
            "parcours place question": measure(
                "parcours", PARCOURS, tmp, json.dumps(answers), before=[]
            ),
            "bare Textual input": measure("bare", BARE, before=[]),
        }


def main() -> None:
    rows = collect()
    print(f"keystroke benchmark — typing {TYPED!r} one key at a time over a pty, 80x24")
    print(f"{'':28} {'CPU/key':>9} {'sent/key':>10} {'sent in all':>12} {'idle':>10}")
    for name, r in rows.items():
        print(
            f"{name:28} {r['cpu']:6.1f} ms {r['kb']:7.2f} KB {r['total_kb']:9.1f} KB"
            f" {r['idle']:6.0f} B/s"
        )
    ours, bare = rows["parcours place question"], rows["bare Textual input"]
    print(
        f"ratio to the bare input: CPU x{ours['cpu'] / max(bare['cpu'], 0.1):.1f}, "
        f"bytes x{ours['kb'] / max(bare['kb'], 0.001):.1f} "
        "(targets: <= 10 ms and <= 2 KB a key; 0 B/s idle)"
    )


if __name__ == "__main__":
    main()
