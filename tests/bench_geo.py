"""Benchmark of the geography lookups (run ``python tests/bench_geo.py``; not a pytest test).

Prints, on this machine: the size of the bundled files, the one-off cost of the first lookup
(reading the tables and building the indexes it needs) for a postal code and for a name, each in
a fresh process so that nothing is cached, and the median time of a lookup once loaded.
Targets: first lookup under 150 ms, each later lookup under 1 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = """
import time, sys
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from parcours.wizard.geo import Geography
t1 = time.perf_counter()
geo = Geography()
geo.resolve({query!r})
t2 = time.perf_counter()
print(f"{{(t1 - t0) * 1000:.1f}} {{(t2 - t1) * 1000:.1f}}")
"""

POSTCODES = ["93200", "75011", "20000", "13013", "97100", "59000", "01000", "91200"]
NAMES = ["Athis-Mons", "saint etienne", "evry courcouronnes", "Le Havre", "Bastia", "lyon 3"]


def first_lookup(query: str, runs: int = 5) -> tuple[float, float]:
    """Median (import ms, first lookup ms) over fresh interpreters."""
    imports, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", FIRST.format(root=str(ROOT), query=query)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        imports.append(float(out[0]))
        firsts.append(float(out[1]))
    return statistics.median(imports), statistics.median(firsts)


def median_lookup(geo, queries: list[str], rounds: int = 200) -> float:
    times = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            geo.resolve(q)
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    from parcours.wizard.geo import Geography

    print("files:")
    for f in sorted((ROOT / "data" / "geo").glob("*.json")):
        print(f"  {f.name:<20} {f.stat().st_size / 1024:8.0f} KiB")
    for label, query in (("postal code", "93200"), ("name", "athis mons"), ("département", "93")):
        imp, first = first_lookup(query)
        ok = "OK" if first < 150 else "OVER TARGET"
        print(
            f"first lookup ({label:<11} {query!r}): {first:6.1f} ms  [{ok}]  "
            f"(import of parcours.wizard.geo: {imp:.1f} ms)"
        )
    geo = Geography()
    geo.resolve("93200")
    geo.resolve("Athis-Mons")
    for label, queries in (("postal code", POSTCODES), ("name", NAMES)):
        ms = median_lookup(geo, queries)
        ok = "OK" if ms < 1 else "OVER TARGET"
        print(f"median lookup after load ({label}): {ms * 1000:7.1f} µs  [{ok}]")
    t = time.perf_counter()
    geo.suggest("sain")
    print(
        f"first suggest() (builds the sorted name index): {(time.perf_counter() - t) * 1000:.1f} ms"
    )
    times = []
    for prefix in ("ath", "saint d", "912", "par", "mars"):
        t = time.perf_counter()
        geo.suggest(prefix)
        times.append(time.perf_counter() - t)
    print(f"median suggest() after that: {statistics.median(times) * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
