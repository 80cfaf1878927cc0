"""Bytes on the wire: what the wizard sends to its terminal, measured over a real pty at 80x24.

Runs the checkout's wizard (``python -m parcours``) in a pseudo-terminal, sends the keys a person
would, waits after each key until the screen is quiet, and counts the bytes the app wrote:

- start-up to the welcome screen;
- a whole walk to the plan (a protection subsidiaire holder in Seine-Saint-Denis, 6 questions);
- reading the plan to its end with Page Down;
- 5 seconds idle on the plan.

Run: ``python tests/bench_wire.py`` (kiosk mode, and for comparison the default local mode with
the mouse and animations on). Goals in kiosk mode: walk < 100 KB, reading < 40 KB, idle 0 bytes.
Not a test: it prints figures (README, "Bytes on the wire").
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIET = 0.5  # seconds without output: the screen is drawn
KEYS = {"enter": b"\r", "down": b"\x1b[B", "pagedown": b"\x1b[6~", "ctrl+c": b"\x03"}
# (keys, then wait for quiet): the holder's walk, from the welcome screen to the plan.
WALK: list[list[str | bytes]] = [
    ["enter"],  # Commencer
    ["down", "enter"],  # situation: protection subsidiaire holder
    ["down", "enter"],  # ps_card: none yet
    ["down", "down", "enter"],  # married: no
    [b"93200", "enter"],  # residence
    [b"31/05/2027", "enter"],  # document expiry
    ["down", "down", "enter"],  # travel: no -> the plan
]


class Wire:
    """The app in a pty; every byte it writes is counted."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the wizard
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "parcours", *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.count = 0
        self.last = self.sent = time.monotonic()
        self.alive = True
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while self.alive:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.count += len(data)
            self.last = time.monotonic()

    def quiet(self, limit: float = 15.0) -> None:
        """Wait until nothing was written for QUIET seconds since the last key (or output)."""
        start = time.monotonic()
        while self.count == 0 and time.monotonic() - start < limit:
            time.sleep(0.05)  # start-up: the first frame has not come yet
        while time.monotonic() - start < limit:
            if time.monotonic() - max(self.last, self.sent) >= QUIET:
                return
            time.sleep(0.05)

    def send(self, *keys: str | bytes) -> None:
        for key in keys:
            if isinstance(key, bytes):
                for ch in key:  # typed one character at a time
                    os.write(self.fd, bytes([ch]))
                    time.sleep(0.03)
            else:
                os.write(self.fd, KEYS[key])
                time.sleep(0.05)
        self.sent = time.monotonic()

    def close(self) -> None:
        self.send("ctrl+c")
        time.sleep(0.5)
        self.alive = False
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def measure(label: str, args: list[str], extra_env: dict[str, str]) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": tmp,
            "XDG_DATA_HOME": tmp,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            **extra_env,
        }
        wire = Wire(args, env)
        figures: dict[str, int] = {}
        wire.quiet()
        figures["start-up"] = wire.count
        before = wire.count
        for keys in WALK:
            wire.send(*keys)
            wire.quiet()
        figures["walk to the plan"] = wire.count - before
        before = wire.count
        last = wire.count
        for _ in range(60):  # Page Down until a press changes nothing
            wire.send("pagedown")
            wire.quiet()
            if wire.count - last < 200:
                break
            last = wire.count
        figures["reading the plan (PageDown)"] = wire.count - before
        before = wire.count
        time.sleep(5)
        figures["5 s idle"] = wire.count - before
        wire.close()
    print(f"\n{label}")
    for name, value in figures.items():
        print(f"  {name:30} {value / 1024:8.1f} KB  ({value} bytes)")
    return figures


def main() -> None:
    kiosk = measure("kiosk (parcours --kiosk)", ["--kiosk"], {})
    measure("local, mouse and animations on (parcours)", [], {})
    ok = (
        kiosk["walk to the plan"] < 100 * 1024
        and kiosk["reading the plan (PageDown)"] < 40 * 1024
        and kiosk["5 s idle"] == 0
    )
    print("\nkiosk goals (walk < 100 KB, reading < 40 KB, idle 0):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
