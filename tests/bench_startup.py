"""Start-up benchmark (not a test; run with ``python tests/bench_startup.py [RUNS]``).

Times, in one run and interleaved so both see the same machine load:
- parcours: a fresh interpreter imports the launcher (as `parcours` does), builds the app on
  the bundled content, runs it headless at 80x24, presses Enter on the welcome screen and
  stops once the first question screen is rendered;
- a bare Textual app with the same widget tree (title, containers, texts, an option list, a
  footer with the same keys) on Textual's default styles, with no engine and no content,
  taking the same two steps. The difference is what parcours itself costs;
- ``parcours plan`` for a complete answers file (no Textual at all), and a bare interpreter.
Prints the medians, the peak memory (ru_maxrss) of each child, and the ratios.
Targets: parcours/bare time ratio <= 1.3, peak memory within 15 MiB of the bare app.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.examples import HOLDER_93 as HOLDER  # noqa: E402 - needs ROOT on the path

# Both children print the wall-clock time at which the first question screen was rendered.
PARCOURS_CHILD = """
import sys, time
from datetime import date
import parcours.wizard.launch  # the path `parcours` takes: the launcher, then the app
from parcours.screens.app import make_app
from parcours.screens.question import QuestionScreen

async def pilot(p):
    await p.pause()
    await p.press("enter")
    await p.pause()
    assert isinstance(p.app.screen, QuestionScreen), p.app.screen
    print("FIRST", time.time(), flush=True)
    p.app.exit()

app = make_app(today=date(2026, 11, 23), session_dir=sys.argv[1], cursor_blink=False)
app.run(headless=True, size=(80, 24), auto_pilot=pilot)
"""

BARE_CHILD = """
import sys, time
from textual.app import App
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

TEXT = "Two sentences about what the tool does, as long as the real ones. " * 3

# The footer shows one key per action: as many actions as parcours's screens have, so both
# footers hold as many keys (five on the question screen, two on the welcome screen).
class Question(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help"),
        Binding("r", "answers", "Answers"),
        Binding("f2", "answers", "Answers"),
        Binding("q", "app.quit", "Quit"),
        Binding("ctrl+q", "app.quit", "Quit"),
        Binding("f4", "lang", "English"),
    ]
    def action_help(self):
        pass
    def action_answers(self):
        pass
    def action_lang(self):
        pass
    def compose(self):
        yield Static("Step 1 · Section")
        with Vertical():
            with VerticalScroll():
                yield Static("Which sentence describes your situation best?")
                yield Static(TEXT)
            yield Static("Up/down arrows to choose, Enter to continue.")
            yield OptionList("( ) One option", "( ) Another option", "( ) Other")
            yield Static("")
        yield Footer()
    def on_mount(self):
        self.query_one(OptionList).focus()

class Welcome(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("f4", "lang", "English")]
    def action_lang(self):
        pass
    def compose(self):
        yield Static("bare app")
        with VerticalScroll():
            yield Static(TEXT)
            yield Static(TEXT)
            yield OptionList("> Start", "  Quit")
            yield Static("hint")
        yield Footer()
    def on_mount(self):
        self.query_one(OptionList).focus()
    def on_option_list_option_selected(self, event):
        self.app.push_screen(Question())

class Bare(App):
    ENABLE_COMMAND_PALETTE = False
    def get_default_screen(self):
        return Welcome()

async def pilot(p):
    await p.pause()
    await p.press("enter")
    await p.pause()
    assert isinstance(p.app.screen, Question), p.app.screen
    print("FIRST", time.time(), flush=True)
    p.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=pilot)
"""


def run_child(
    args: list[str], env: dict[str, str], cwd: Path | str | None = None
) -> tuple[float, float, float, float]:
    """Seconds to the FIRST mark (or to exit), seconds to exit, peak RSS in MiB and CPU seconds
    (user + system, steadier than wall time on a busy machine) of one child."""
    start = time.time()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(proc.pid, 0)
    end = time.time()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(args[:3])}\n{err}")
    first = next(
        (float(line.split()[1]) for line in out.splitlines() if line.startswith("FIRST ")), end
    )
    cpu = usage.ru_utime + usage.ru_stime
    return first - start, end - start, usage.ru_maxrss / 1024, cpu  # ru_maxrss: KiB on Linux


FIRST_QUESTION = "parcours (to 1st question)"
BARE_APP = "bare Textual app (same widgets)"


def collect(runs: int = 9) -> dict[str, tuple[float, ...]]:
    """Medians of (seconds to first screen, seconds to exit, peak MiB, CPU seconds)."""
    py = sys.executable
    tmp = Path(tempfile.mkdtemp(prefix="parcours-bench-"))
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data")}
    env.pop("PYTHONSTARTUP", None)
    answers = tmp / "answers.json"
    answers.write_text(json.dumps(HOLDER), encoding="utf-8")

    kinds = {
        FIRST_QUESTION: [py, "-c", PARCOURS_CHILD, str(tmp / "sessions")],
        BARE_APP: [py, "-c", BARE_CHILD],
        "parcours plan (no Textual)": [
            py,
            "-m",
            "parcours",
            "plan",
            "--answers",
            str(answers),
            "--today",
            "2026-11-23",
        ],
        "python -c pass (interpreter)": [py, "-c", "pass"],
    }
    results: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in kinds}
    # Outside the checkout, so that the installed package (compiled by pip) is what starts: from
    # the checkout, with PYTHONDONTWRITEBYTECODE set, every start would compile it from source.
    for args in kinds.values():  # warm the file cache once
        run_child(args, env, tmp)
    for _ in range(runs):
        for name, args in kinds.items():
            results[name].append(run_child(args, env, tmp))
    return {
        name: tuple(statistics.median(r[i] for r in rows) for i in range(4))
        for name, rows in results.items()
    }


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    med = collect(runs)
    print(
        f"parcours start-up benchmark — {runs} runs each, interleaved; "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'':34} {'first screen':>13} {'exit':>9} {'CPU':>9} {'peak RSS':>10}")
    for name, (first, total, rss, cpu) in med.items():
        timed = "plan" not in name and "pass" not in name
        shown = f"{first * 1000:10.0f} ms" if timed else " " * 13
        print(f"{name:34} {shown} {total * 1000:6.0f} ms {cpu * 1000:6.0f} ms {rss:7.1f} MiB")
    p, b = med[FIRST_QUESTION], med[BARE_APP]
    ratio = p[0] / b[0]
    print()
    print(f"time ratio parcours / bare (to first question): {ratio:.2f}  (target <= 1.30)")
    print(f"CPU ratio parcours / bare (whole run, steadier): {p[3] / b[3]:.2f}")
    print(f"peak memory difference: {p[2] - b[2]:+.1f} MiB  (target <= +15 MiB)")
    ok = ratio <= 1.3 and p[2] - b[2] <= 15
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
