"""The content source (data/source/*.toml) compiles to exactly the TinyDB files that ship."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_content", ROOT / "data/build_content.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_content"] = module
    spec.loader.exec_module(module)
    return module


build_content = _load_build()


def test_committed_content_is_a_fresh_build():
    built = build_content.build()
    committed = {p.name for p in (ROOT / "data/content").glob("*.json")}
    assert set(built) == committed
    for name, text in built.items():
        on_disk = (ROOT / "data/content" / name).read_text(encoding="utf-8")
        assert on_disk == text, f"data/content/{name} is stale: run python data/build_content.py"


@pytest.fixture
def source_copy(tmp_path) -> Path:
    copy = tmp_path / "source"
    shutil.copytree(ROOT / "data/source", copy)
    return copy


def test_unknown_fact_is_one_clear_error(source_copy):
    core = source_copy / "core.toml"
    core.write_text(
        core.read_text(encoding="utf-8").replace('fr = "', 'fr = "{fee.no_such_fee} ', 1),
        encoding="utf-8",
    )
    with pytest.raises(build_content.BuildError, match="unknown fee 'no_such_fee'"):
        build_content.build(source_copy)


def test_formats_amounts_and_durations_per_language():
    assert build_content.euros(25, "fr") == "25 €"
    assert build_content.euros(25, "en") == "€25"
    assert build_content.euros(12.5, "fr") == "12,50 €"
    assert build_content.duration({"months": 1}, "fr") == "1 mois"
    assert build_content.duration({"days": -7}, "en") == "7 days"
    assert build_content.duration({"hours": 48}, "fr") == "48 heures"


def test_build_output_is_tinydb_tables_with_document_ids():
    built = build_content.build()
    core = json.loads(built["core.json"])
    assert list(core["sources"]) == [str(i) for i in range(1, len(core["sources"]) + 1)]


def _strings(value, lang=None):
    if isinstance(value, str):
        yield lang, value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, lang)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k if k in ("fr", "en") else lang)


def test_one_fee_changed_in_its_fact_file_changes_every_use(source_copy):
    fees = source_copy / "facts" / "fees.toml"
    text = fees.read_text(encoding="utf-8")
    head, _, rest = text.partition("[card_stamp_duty]")
    body, sep, tail = rest.partition("\n[")
    old = build_content.tomllib.loads(text)["card_stamp_duty"]["amount_eur"]
    body = body.replace(f"amount_eur = {old}\n", "amount_eur = 77\n")
    fees.write_text(head + "[card_stamp_duty]" + body + sep + tail, encoding="utf-8")

    before = {n: json.loads(t) for n, t in build_content.build().items()}
    after = {n: json.loads(t) for n, t in build_content.build(source_copy).items()}
    old_fr, old_en = build_content.euros(old, "fr"), build_content.euros(old, "en")
    changed = [
        (b, a)
        for name in before
        for (_, b), (_, a) in zip(_strings(before[name]), _strings(after[name]), strict=True)
        if a != b
    ]
    # Every sentence quoting the fee (steps, notes, labels, in both languages) and nothing else.
    assert len(changed) >= 4
    for b, a in changed:
        assert a == b.replace(old_fr, "77 €").replace(old_en, "€77"), (b, a)
    costs = [
        c
        for doc in after.values()
        for p in doc.get("pathways", {}).values()
        for c in p.get("costs", ())
        if c["id"] == "card_stamp_duty"
    ]
    assert len(costs) >= 2 and all(c["amount_eur"] == 77 for c in costs)


def test_a_day_limit_changed_once_moves_the_conditions_that_compare_with_it(source_copy):
    limits = source_copy / "facts" / "time_limits.toml"
    text = limits.read_text(encoding="utf-8")
    limits.write_text(text.replace("duration = { days = 120 }", "duration = { days = 90 }"))
    rental = json.loads(build_content.build(source_copy)["rental_athis_mons.json"])
    thresholds = {
        json.dumps(p["when"]).count('"rental_days", 90]') for p in rental["pathways"].values()
    }
    assert max(thresholds) >= 1
    assert "120" not in json.dumps([p["when"] for p in rental["pathways"].values()])


def _deadlines(built: dict[str, str], limit: str) -> list[dict]:
    return [
        d
        for text in built.values()
        for p in json.loads(text).get("pathways", {}).values()
        for d in p.get("deadlines", ())
        if d["id"] == limit
    ]


def test_a_time_limit_says_how_its_date_is_counted_in_every_deadline_that_uses_it():
    """The counting fields of a time limit (issue 13) go into the "date" of each deadline
    that counts from a question; no deadline keeps the older signed offset."""
    built = build_content.build()
    cnda = _deadlines(built, "cnda_appeal")
    assert len(cnda) == 2  # the asylum CNDA appeal and the refusal path's open appeal
    for d in cnda:
        assert d["date"]["length"] == 1 and d["date"]["unit"] == "months"
        assert d["date"]["extends_to_working_day"] is True
        assert [c["source"] for c in d["date"]["counting"]][:2] == ["cpc-641", "cpc-642"]
        assert d["if_passed"]["source"] == "seed-002-asylum"
        assert "length" not in d and "counting" not in d
    (opens,) = _deadlines(built, "request_window_opens")[:1]
    assert opens["date"]["direction"] == "before" and opens["date"]["window"] == "request"
    (border,) = _deadlines(built, "border_refusal_appeal")
    assert border["date"] == {
        "from": "border_refusal_time",
        "length": 48,
        "unit": "hours",
        "counting": [{"source": "an-48h-debate"}],
    }
    every = [d for text in built.values() for d in _all_deadlines(text)]
    assert every and not any("offset" in d.get("date", {}) for d in every)
    # Without a date question the rule is given with no date (OQTF in detention: 48 hours).
    assert all("date" not in d for d in _deadlines(built, "oqtf_appeal_detention"))


def _all_deadlines(text: str) -> list[dict]:
    pathways = json.loads(text).get("pathways", {}).values()
    return [d for p in pathways for d in p.get("deadlines", ())]


def test_a_pathway_may_override_how_a_time_limit_is_counted(source_copy):
    ps = source_copy / "protection_subsidiaire.toml"
    text = ps.read_text(encoding="utf-8")
    old = '{ limit = "union_one_year", from = "union_date" }'
    assert old in text
    ps.write_text(text.replace(old, old[:-2] + ', length = 2, window = "union" }'))
    (union,) = _deadlines(build_content.build(source_copy), "union_one_year")
    assert union["date"]["length"] == 2 and union["date"]["window"] == "union"
    assert union["date"]["unit"] == "years"


DEVELOPER_WORDING = (
    "extraction",
    "scraping",
    "seed",
    "document source",
    "source document",
    "article number",
    "numéro d'article",
)


def test_no_developer_wording_in_what_a_person_reads(content):
    """Notes about the seeds' gaps belong to the sources' notes, never to a public text."""
    from parcours.wizard.model import TABLES, fields_of

    found = []
    for table in TABLES:
        if table in ("sources", "facts"):
            continue  # reviewers' notes (sources) and the review sheet's copy of the facts
        for record in getattr(content.records, table):
            for loc, name, value in fields_of(record, f"{table} '{record.id}'"):
                if name == "correction" or not isinstance(value, dict):
                    continue
                for text in value.values():
                    if isinstance(text, str) and any(w in text.lower() for w in DEVELOPER_WORDING):
                        found.append(f"{loc}: {text[:80]}")
    assert found == []
