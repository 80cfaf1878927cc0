"""Compile the readable content source (data/source/*.toml) into the TinyDB files the app ships.

    python data/build_content.py            # rewrite data/content/*.json
    python data/build_content.py --check    # exit 1 when data/content differs from a fresh build

The sources (see data/README.md, "The content source"):
- ``source/<family>.toml``: one file per content file (``content/<family>.json``): questions,
  pathways, notices, procedures;
- ``source/sources.toml``: every source a fact cites (compiled into ``core.json``);
- ``source/facts/fees.toml``, ``facts/time_limits.toml``: each fee and time limit written once,
  under its id; pathways refer to them (``{ fee = "card_stamp_duty" }``,
  ``{ limit = "cnda_appeal", from = "ofpra_decision_date" }``) and any sentence may quote them
  (``{fee.card_stamp_duty}`` -> "25 €" / "€25", ``{limit.cnda_appeal}`` -> "1 mois" / "1 month");
  a condition compares with a limit in days by ``{ days_of = "rental_day_limit" }``;
- ``source/facts/documents.toml``, ``facts/authorities.toml``: each document and authority once,
  with ``file``: the content file it is compiled into.

Standard library only (tomllib); not shipped in the wheel, never imported by the app.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
CONTENT = HERE / "content"
CORE = "core"  # the content file that holds the sources table
TABLE_ORDER = (
    "sources",
    "facts",
    "questions",
    "notices",
    "documents",
    "authorities",
    "pathways",
    "procedures",
)
# A time limit's fields that say how a deadline's date is counted from its question: they go
# into the deadline's "date" (see wizard/model.py, DeadlineRule).
DATE_KEYS = ("length", "unit", "direction", "extends_to_working_day", "window", "counting")
PLACEHOLDER = re.compile(r"\{(fee|limit)\.([A-Za-z0-9_]+)\}")
UNITS = {
    "years": (("an", "ans"), ("year", "years")),
    "months": (("mois", "mois"), ("month", "months")),
    "days": (("jour", "jours"), ("day", "days")),
    "working_days": (("jour ouvré", "jours ouvrés"), ("working day", "working days")),
    "hours": (("heure", "heures"), ("hour", "hours")),
}


class BuildError(Exception):
    """The source is inconsistent (unknown fact, malformed reference): one readable line."""


def load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"{path.relative_to(HERE)}: {exc}") from exc


def euros(amount: float, lang: str) -> str:
    """25 -> "25 €" (fr) / "€25" (en); 12500 -> "12 500 €" / "€12,500"; 12.5 -> "12,50 €"."""
    text = f"{int(amount):,}" if float(amount).is_integer() else f"{amount:,.2f}"
    if lang == "fr":
        return text.replace(",", " ").replace(".", ",") + " €"
    return "€" + text


def duration(spec: Mapping[str, int], lang: str) -> str:
    """{"months": 1} -> "1 mois" / "1 month" (the sign of an offset is not said)."""
    parts = []
    for unit, n in spec.items():
        if unit not in UNITS:
            raise BuildError(f"unknown duration unit {unit!r}")
        fr, en = UNITS[unit]
        one, many = fr if lang == "fr" else en
        parts.append(f"{abs(n)} {one if abs(n) == 1 else many}")
    return (" et " if lang == "fr" else " and ").join(parts)


class Facts:
    def __init__(self, fees: dict[str, Any], limits: dict[str, Any]) -> None:
        self.fees, self.limits = fees, limits
        self.quoted: set[str] = set()  # "fee.x" / "limit.x" quoted since the last reset

    def words(self, kind: str, fid: str, lang: str) -> str:
        self.quoted.add(f"{kind}.{fid}")
        if kind == "fee":
            if fid not in self.fees:
                raise BuildError(f"unknown fee {fid!r}")
            return euros(self.fees[fid]["amount_eur"], lang)
        if fid not in self.limits:
            raise BuildError(f"unknown time limit {fid!r}")
        fact = self.limits[fid]
        spec = fact.get("duration") or (
            {fact.get("unit", "days"): fact["length"]} if fact.get("length") else None
        )
        if not spec:
            raise BuildError(f"time limit {fid!r} has no duration to quote")
        return duration(spec, lang)

    def days(self, fid: str) -> int:
        """A time limit given in days, as a number (for a condition on a number answer)."""
        spec = self.limits.get(fid, {}).get("duration") or {}
        if set(spec) != {"days"}:
            raise BuildError(f"days_of: time limit {fid!r} is not a number of days")
        self.quoted.add(f"limit.{fid}")
        return int(spec["days"])

    def fill(self, value: Any, lang: str = "fr") -> Any:
        """Every {fee.x} / {limit.x} in the strings of ``value`` replaced by its words."""
        if isinstance(value, datetime.date):
            return value.isoformat()  # TOML dates -> "YYYY-MM-DD"
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda m: self.words(m[1], m[2], lang), value)
        if isinstance(value, list):
            return [self.fill(v, lang) for v in value]
        if isinstance(value, dict):
            if set(value) == {"days_of"}:  # a condition's threshold: { days_of = "limit_id" }
                return self.days(value["days_of"])
            if value and set(value) <= {"fr", "en"}:
                return {k: self.fill(v, k) for k, v in value.items()}
            return {k: self.fill(v, lang) for k, v in value.items()}
        return value

    def cost(self, ref: Mapping[str, Any]) -> dict[str, Any]:
        """A pathway's cost: its fee fact, with the keys the pathway overrides."""
        fid = ref.get("fee")
        if fid not in self.fees:
            raise BuildError(f"cost refers to unknown fee {fid!r}")
        return _merge(fid, self.fees[fid], ref, ("fee",))

    def deadline(self, ref: Mapping[str, Any]) -> dict[str, Any]:
        """A pathway's deadline: its time-limit fact (every field the fact has, so fields added
        to time limits later flow through), the date question it counts from, overrides."""
        fid = ref.get("limit")
        if fid not in self.limits:
            raise BuildError(f"deadline refers to unknown time limit {fid!r}")
        fact = self.limits[fid]
        out = _merge(
            fid, {k: v for k, v in fact.items() if k not in DATE_KEYS}, ref, ("limit", "from")
        )
        for key in DATE_KEYS:
            out.pop(key, None)
        if "from" in ref:
            # How the date is counted (issue 13's deadline fields): the fact's, then the
            # pathway's overrides, in the deadline's "date".
            spec = {k: ref.get(k, fact.get(k)) for k in DATE_KEYS}
            out["date"] = {"from": ref["from"], **{k: v for k, v in spec.items() if v is not None}}
        if "when" in out:
            out["when"] = out.pop("when")  # last, as in the rest of the content
        return out


def _merge(
    fid: str, fact: Mapping[str, Any], ref: Mapping[str, Any], ref_only: tuple[str, ...]
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ref.get("id", fid), **fact}
    out.update((k, v) for k, v in ref.items() if k not in ref_only and k != "id")
    return out


def build(source: Path = SOURCE) -> dict[str, str]:
    """The content files (name -> JSON text) compiled from ``source``."""
    facts_dir = source / "facts"
    facts = Facts(load(facts_dir / "fees.toml"), load(facts_dir / "time_limits.toml"))
    families = {p.stem: load(p) for p in sorted(source.glob("*.toml")) if p.stem != "sources"}
    if CORE not in families:
        raise BuildError(f"source/{CORE}.toml missing")
    tables: dict[str, dict[str, list[Any]]] = {name: {} for name in families}
    for stem, data in families.items():
        for table, rows in data.items():
            if table not in TABLE_ORDER or table in (
                "sources",
                "facts",
                "documents",
                "authorities",
            ):
                raise BuildError(f"source/{stem}.toml: unexpected table {table!r}")
            tables[stem][table] = list(rows)
    tables[CORE]["sources"] = list(load(source / "sources.toml").get("sources", []))
    # Every fee and time limit once, referenced or not (older rules stay on record): the review
    # sheet lists them from here.
    tables[CORE]["facts"] = [
        {
            "id": fid,
            "kind": fact.get("kind", "fee"),
            **{k: v for k, v in fact.items() if k != "kind"},
        }
        for fid, fact in facts.fees.items()
    ] + [
        {"id": fid, **fact, "kind": "time_limit", "period": fact.get("kind", "end")}
        for fid, fact in facts.limits.items()
    ]
    for table in ("documents", "authorities"):
        for row in load(facts_dir / f"{table}.toml").get(table, []):
            row = dict(row)
            stem = row.pop("file", None)
            if stem not in tables:
                raise BuildError(f"facts/{table}.toml '{row.get('id')}': unknown file {stem!r}")
            tables[stem].setdefault(table, []).append(row)
    # Which records quote each fact (a sentence's {fee.x}), for the review sheet.
    quoted_by: dict[str, list[str]] = {}
    for data in tables.values():
        for table in TABLE_ORDER:
            for row in data.get(table, ()) if table != "facts" else ():
                facts.quoted.clear()
                facts.fill(row)
                for key in sorted(facts.quoted):
                    name = f"{table}:{row.get('id')}"
                    if name not in quoted_by.setdefault(key, []):
                        quoted_by[key].append(name)
    for fact in tables[CORE]["facts"]:
        key = ("limit." if fact["kind"] == "time_limit" else "fee.") + fact["id"]
        if key in quoted_by:
            fact["quoted_by"] = quoted_by[key]
    out: dict[str, str] = {}
    for stem, data in tables.items():
        doc: dict[str, dict[str, Any]] = {}
        for table in TABLE_ORDER:
            if table not in data:
                continue
            rows = []
            for row in data[table]:
                if table == "pathways":
                    row = dict(row)
                    if "costs" in row:
                        row["costs"] = [facts.cost(c) for c in row["costs"]]
                    if "deadlines" in row:
                        row["deadlines"] = [facts.deadline(d) for d in row["deadlines"]]
                rows.append(facts.fill(row))
            doc[table] = {str(i): row for i, row in enumerate(rows, 1)}
        out[f"{stem}.json"] = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    return out


def main(argv: list[str]) -> int:
    try:
        built = build()
    except BuildError as exc:
        print(f"build_content: {exc}", file=sys.stderr)
        return 2
    if "--check" in argv:
        stale = sorted(
            name
            for name, text in built.items()
            if not (CONTENT / name).is_file()
            or (CONTENT / name).read_text(encoding="utf-8") != text
        )
        extra = sorted(p.name for p in CONTENT.glob("*.json") if p.name not in built)
        if stale or extra:
            print(
                "build_content: data/content differs from data/source "
                f"(run python data/build_content.py): {', '.join(stale + extra)}",
                file=sys.stderr,
            )
            return 1
        print(f"build_content: data/content is up to date ({len(built)} files)")
        return 0
    for name, text in built.items():
        (CONTENT / name).write_text(text, encoding="utf-8")
    print(f"build_content: wrote {len(built)} files to data/content")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
