"""What the wizard keeps alive is kept out of the garbage collector's way, in a real terminal."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.bench_keys import PARCOURS, drain, spawn

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a Linux pty")


def test_a_full_collection_walks_only_what_was_made_since_the_start(tmp_path: Path):
    """The content, the place tables and Textual's own objects are frozen once loaded
    (gc.freeze): a full collection, which may fall on any keystroke, then walks a few thousand
    objects instead of ~70,000 (~30 ms of CPU on that key)."""
    answers = {"situation": "ps_holder", "ps_card": "none_yet", "married": False}
    out = tmp_path / "gc.txt"
    code = PARCOURS + (
        "\nimport gc, pathlib\n"
        "pathlib.Path(sys.argv[3]).write_text("
        "f'{gc.get_freeze_count()} {len(gc.get_objects())}')\n"
    )
    code = code.replace(
        "app.run(mouse=False, auto_pilot=to_place_question)",
        "async def then_wait(pilot):\n"
        "    await to_place_question(pilot)\n"
        "    import asyncio\n"
        "    for _ in range(100):  # the place tables load in the background\n"
        "        await asyncio.sleep(0.1)\n"
        "        if getattr(pilot.app.screen, 'places_ready', False):\n"
        "            break\n"
        "    await pilot.pause()\n"
        "    pilot.app.exit()\n"
        "app.run(mouse=False, auto_pilot=then_wait)",
    )
    pid, fd = spawn(code, str(tmp_path / "sessions"), json.dumps(answers), str(out))
    try:
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            drain(fd, quiet=0.2, limit=1.0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    frozen, tracked = (int(n) for n in out.read_text().split())
    assert frozen > 50_000, (frozen, tracked)  # the content, Textual, the place tables
    assert tracked < frozen / 5, (frozen, tracked)
