"""CLI commands against the interpreter's floor: ``parcours step`` / ``plan`` / ``check-data``
versus ``python -c "import rich.console"``, measured in the same run, interleaved.

``step`` is measured twice: for the first question (no answers) and for the last step of a walk,
which returns the finished plan. Run: ``python tests/bench_cli.py [RUNS]`` with parcours installed
in this interpreter. Prints the median wall time, CPU time and peak memory of each command and
the ratios to the baseline.
Targets (issue 15): step <= 1.5x, plan <= 2x the baseline; peak memory of a CLI call < 30 MiB.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.examples import HOLDER_93  # noqa: E402

# Runs argv[1:] and prints its peak resident memory (KiB), as the kernel counted it.
PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measure(cmd: list[str], cwd: str) -> tuple[float, float, float]:
    """Wall ms, CPU ms and peak RSS MiB of ``cmd``, each a fresh process.

    Time is taken on the command itself; the peak memory in a second run under a small wrapper
    that reads its own children's peak (so earlier children do not count).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    wrapper = [sys.executable, "-c", PEAK, *cmd]
    out = subprocess.run(wrapper, capture_output=True, text=True, cwd=cwd, check=True).stdout
    return wall, cpu, int(out.strip()) / 1024


BASELINE = "python -c 'import rich.console' (baseline)"
# A front end driving the wizard asks for the next question: no answers yet, no place, no plan.
# "parcours step --json" below is the last step of a whole walk: it returns the finished plan
# (the answers of a protection subsidiaire holder in Saint-Denis, a place looked up).
FLOOR = "a Typer command that does nothing"
STEP_FIRST = "parcours step --json (first question)"
# What any Typer command costs before parcours does anything: the floor of this design.
NOOP_TYPER = (
    "import typer\n"
    "app = typer.Typer(add_completion=False)\n"
    "@app.command()\n"
    "def step(answers: str = typer.Option(..., '--answers', '-a'), json_out: bool = False):\n"
    "    pass\n"
    "@app.command()\n"
    "def plan():\n"
    "    pass\n"
    "app()\n"
)


def collect(runs: int = 11) -> dict[str, tuple[float, float, float]]:
    """Median wall ms, CPU ms and peak MiB of each command, measured interleaved."""
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.json"
        answers.write_text(json.dumps(HOLDER_93), encoding="utf-8")
        first = Path(tmp) / "first.json"
        first.write_text("{}", encoding="utf-8")
        kinds = {
            BASELINE: [py, "-c", "import rich.console"],
            FLOOR: [py, "-c", NOOP_TYPER, "step", "-a", str(answers), "--json-out"],
            STEP_FIRST: [py, "-m", "parcours", "step", "-a", str(first), "--json"],
            "parcours step --json": [py, "-m", "parcours", "step", "-a", str(answers), "--json"],
            "parcours plan": [py, "-m", "parcours", "plan", "-a", str(answers)],
            "parcours check-data": [py, "-m", "parcours", "check-data"],
            "python -c pass (interpreter)": [py, "-c", "pass"],
        }
        results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in kinds}
        for _ in range(runs):
            for name, cmd in kinds.items():  # interleaved: load changes hit every kind alike
                results[name].append(measure(cmd, tmp))
    return {
        name: tuple(statistics.median(col) for col in zip(*rows, strict=True))  # type: ignore[misc]
        for name, rows in results.items()
    }


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    medians = collect(runs)
    print(f"CLI benchmark — {runs} runs each, interleaved; Python {sys.version.split()[0]}")
    print(f"{'':44} {'wall':>8} {'CPU':>8} {'peak RSS':>10}")
    for name, (wall, cpu, rss) in medians.items():
        print(f"{name:44} {wall:6.0f} ms {cpu:6.0f} ms {rss:7.1f} MiB")
    base = medians[BASELINE]
    for name, target in ((STEP_FIRST, 1.5), ("parcours step --json", 1.5), ("parcours plan", 2.0)):
        wall, cpu, rss = medians[name]
        print(
            f"{name}: {wall / base[0]:.2f}x wall, {cpu / base[1]:.2f}x CPU of the baseline "
            f"(target <= {target}x); peak {rss:.1f} MiB (target < 30 MiB)"
        )


if __name__ == "__main__":
    main()
