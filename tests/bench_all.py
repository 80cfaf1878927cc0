"""Every figure of issue 15 in one run, each against its baseline measured in the same run.

Run: ``python tests/bench_all.py [RUNS]`` in a virtualenv where parcours is installed (``pip
install .``), on a quiet machine. Not a test: it prints figures (README, "Performance").

- CLI: ``parcours step --json`` and ``parcours plan`` against ``python -c "import rich.console"``
  (interleaved runs, medians), with the peak memory of a call; ``check-data``'s time.
- Start-up: the first question's frame against a bare Textual app with the same widgets.
- Memory: resident memory at the first question, then after the place tables are loaded and
  looked up the way the place question does.
- Keystroke: CPU and bytes sent per key on the place question against a bare Textual input,
  over a real pty, and bytes sent while idle.
- Engine: walk, step and plan at three sizes, each double the previous (linear: about x2).
- Install: the size of this virtualenv and the number of packages in it.

Each line ends with its target and "met" or "MISSED".
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import bench_cli, bench_engine, bench_keys, bench_startup  # noqa: E402

# Resident memory (VmRSS, MiB) of the app at its first question, then after the place tables
# are loaded and searched as the place question does (a postal code, a name, suggestions).
MEMORY_CHILD = """
import sys
from datetime import date
import parcours.wizard.launch
from parcours.screens.app import make_app
from parcours.screens.question import QuestionScreen

def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

async def pilot(p):
    await p.pause()
    await p.press("enter")
    await p.pause()
    assert isinstance(p.app.screen, QuestionScreen), p.app.screen
    first = rss()
    geo = p.app.flow_content.geo
    geo.resolve("75001")
    geo.suggest("pa", 1)
    geo.resolve("Athis-Mons")
    geo.suggest("athis", 10)
    geo.resolve("91200")
    print("MEMORY", first, rss(), flush=True)
    p.app.exit()

app = make_app(today=date(2026, 11, 23), session_dir=sys.argv[1], cursor_blink=False)
app.run(headless=True, size=(80, 24), auto_pilot=pilot)
"""


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def memory(runs: int) -> tuple[float, float]:
    """Median MiB at the first question and after the place look-ups."""
    firsts, afters = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_DATA_HOME": str(Path(tmp) / "data")}
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD, str(Path(tmp) / "sessions")],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp,
                check=True,
            ).stdout
            line = next(x for x in out.splitlines() if x.startswith("MEMORY "))
            first, after = (float(v) for v in line.split()[1:])
            firsts.append(first)
            afters.append(after)
    firsts.sort()
    afters.sort()
    return firsts[len(firsts) // 2], afters[len(afters) // 2]


def install_size() -> tuple[float, int]:
    """MiB on disk of this interpreter's environment and the packages installed in it."""
    prefix = Path(sys.prefix)
    total = sum(f.stat().st_size for f in prefix.rglob("*") if f.is_file() and not f.is_symlink())
    site = next(prefix.glob("lib/python*/site-packages"), None)
    packages = len(list(site.glob("*.dist-info"))) if site else 0
    return total / 2**20, packages


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    print(f"parcours benchmarks — {runs} runs where repeated; Python {sys.version.split()[0]}")
    print()

    cli = bench_cli.collect(runs)
    base = cli[bench_cli.BASELINE]
    print(f"CLI (baseline: import rich.console, {base[0]:.0f} ms wall, {base[1]:.0f} ms CPU)")
    steps = ((bench_cli.STEP_FIRST, 1.5), ("parcours step --json (finished plan)", 1.5))
    for name, target in (*steps, ("parcours plan", 2.0)):
        wall, cpu, rss = cli[name.replace(" (finished plan)", "")]
        print(
            f"  {name:38} {wall:5.0f} ms = {wall / base[0]:.2f}x wall, {cpu / base[1]:.2f}x CPU"
            f" (target <= {target}x: {verdict(wall / base[0] <= target)}); peak {rss:.1f} MiB"
            f" (target < 30 MiB: {verdict(rss < 30)})"
        )
    floor = cli[bench_cli.FLOOR]
    print(
        f"  {'(' + bench_cli.FLOOR + ')':38} {floor[0]:5.0f} ms = {floor[0] / base[0]:.2f}x wall:"
        " Python, Click and Typer before any of parcours"
    )
    check_ms = cli["parcours check-data"][0]
    ok = verdict(check_ms < 600)
    print(f"  {'parcours check-data':38} {check_ms:5.0f} ms (target < 600 ms: {ok})")
    print()

    start = bench_startup.collect(runs)
    ours, bare = start[bench_startup.FIRST_QUESTION], start[bench_startup.BARE_APP]
    ratio = ours[0] / bare[0]
    print(
        f"Start-up: first question frame {ours[0] * 1000:.0f} ms, bare Textual app "
        f"{bare[0] * 1000:.0f} ms = {ratio:.2f}x (target <= 1.15x: {verdict(ratio <= 1.15)})"
    )
    first, after = memory(max(3, runs // 3))
    print(
        f"Memory: {first:.1f} MiB at the first question, {after:.1f} MiB after the place "
        f"look-ups = +{after - first:.1f} MiB (target <= +10 MiB: {verdict(after - first <= 10)})"
    )
    print()

    keys = bench_keys.collect()
    place, bare_input = keys["parcours place question"], keys["bare Textual input"]
    print(
        f"Keystroke on the place question: {place['cpu']:.1f} ms CPU and {place['kb']:.2f} KB a "
        f"key (bare input: {bare_input['cpu']:.1f} ms, {bare_input['kb']:.2f} KB) "
        f"(targets <= 10 ms: {verdict(place['cpu'] <= 10)}, <= 2 KB: {verdict(place['kb'] <= 2)})"
    )
    print(
        f"Idle: {place['idle']:.0f} B/s on the place question (bare input, blinking: "
        f"{bare_input['idle']:.0f} B/s) (target 0: {verdict(place['idle'] == 0)})"
    )
    print()

    print("Engine growth (each size double the previous; linear is about x2):")
    for title, rows in bench_engine.collect().items():
        steps = [b / a for (_, a), (_, b) in zip(rows, rows[1:], strict=False)]
        shown = ", ".join(f"{n}: {ms:.1f} ms" for n, ms in rows)
        linear = all(s < 3 for s in steps)
        print(
            f"  {title}: {shown}; x{', x'.join(f'{s:.2f}' for s in steps)} "
            f"(linear: {verdict(linear)})"
        )
    print()

    size, packages = install_size()
    print(
        f"Install: this environment is {size:.1f} MiB with {packages} packages "
        f"(before issue 15: 62 MiB, 17 packages)"
    )


if __name__ == "__main__":
    main()
