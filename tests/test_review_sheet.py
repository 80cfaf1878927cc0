"""The review sheet (`parcours content export`): one row per fact, with sources and dates."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from parcours.wizard.content import load_content
from parcours.wizard.review_sheet import COLUMNS, HEADERS, export, rows

from .test_cli import run
from .test_content_build import build_content

ROOT = Path(__file__).resolve().parents[1]


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def by_id(sheet: list[dict[str, str]], rid: str) -> dict[str, str]:
    found = [r for r in sheet if r["Identifiant"] == rid]
    assert len(found) == 1, rid
    return found[0]


def test_cli_csv_lists_each_fee_with_its_source_and_review_date(tmp_path):
    result = run(["content", "export", "--format", "csv"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sheet = parse(result.stdout)
    stamp = by_id(sheet, "card_stamp_duty")
    assert stamp["Type"] == "fee" and stamp["Montant ou délai"] == "50 €"
    assert "unafo-lf2026" in stamp["Sources"] and "consulté le 2026-11-23" in stamp["Sources"]
    assert stamp["Dernière vérification"] == "2026-11-23" and stamp["Statut"] == "current"
    assert "ps_holder_first_card" in stamp["Démarche"]
    older = by_id(sheet, "card_stamp_duty_before_2026")
    assert older["Montant ou délai"] == "25 €" and older["Statut"] == "archive"
    assert "seed-001" in older["Sources"]
    oqtf = by_id(sheet, "oqtf_appeal_general")
    assert oqtf["Montant ou délai"] == "1 mois" and oqtf["En vigueur depuis"] == "2024-07-15"
    assert list(tmp_path.iterdir()) == [], "no file written unless asked"


def test_every_pathway_document_and_authority_has_a_row(content):
    sheet = rows(content)
    ids = {r.id for r in sheet}
    assert {p.id for p in content.records.pathways} <= ids
    assert {d.id for d in content.records.documents} <= ids
    assert {a.id for a in content.records.authorities} <= ids
    assert {f.id for f in content.records.facts} <= ids
    oqtf = next(r for r in sheet if r.id == "refusal_oqtf_appeal")
    assert "Obligation de quitter le territoire (OQTF)" in oqtf.applies_when
    assert oqtf.french and oqtf.english and oqtf.last_reviewed == "2026-11-23"


def test_markdown_sheet_is_a_table_with_escaped_cells(content):
    text = export(content, "md", "en")
    lines = text.splitlines()
    assert lines[0] == "# Content review sheet"
    assert lines[2] == "| " + " | ".join(HEADERS["en"][c] for c in COLUMNS) + " |"
    body = lines[4:]
    assert len(body) == len(rows(content, "en"))
    assert all(line.count(" | ") - line.count("\\|") == len(COLUMNS) - 1 for line in body)


def test_cli_writes_the_sheet_where_asked_and_refuses_a_directory(tmp_path):
    out = tmp_path / "sheet.md"
    result = run(["content", "export", "-f", "md", "-o", str(out)], cwd=tmp_path)
    assert result.returncode == 0 and out.read_text(encoding="utf-8").startswith("# Fiche")
    bad = run(["content", "export", "-o", str(tmp_path)], cwd=tmp_path)
    assert bad.returncode == 2 and "c'est un dossier" in bad.stderr
    assert run(["content", "export", "-f", "xls"], cwd=tmp_path).returncode == 2


def test_one_fee_changed_and_rebuilt_shows_in_every_sentence_and_the_sheet(tmp_path):
    """Acceptance: change the stamp duty in its fact file, rebuild: every amount and sentence
    that uses it changes, and the review sheet lists it with its source and review date."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "data/source", source)
    fees = source / "facts" / "fees.toml"
    text = fees.read_text(encoding="utf-8")
    head, sep, rest = text.partition("[card_stamp_duty]\n")
    body, nxt, tail = rest.partition("\n[")
    fees.write_text(
        head + sep + body.replace("amount_eur = 50\n", "amount_eur = 77\n") + nxt + tail,
        encoding="utf-8",
    )
    data = tmp_path / "data"
    (data / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "data/geo", data / "geo")
    for name, json_text in build_content.build(source).items():
        (data / "content" / name).write_text(json_text, encoding="utf-8")
    content = load_content(data)
    sheet = parse(export(content, "csv"))
    stamp = by_id(sheet, "card_stamp_duty")
    assert stamp["Montant ou délai"] == "77 €" and stamp["Dernière vérification"]
    assert "unafo-lf2026" in stamp["Sources"]
    steps = [r for r in sheet if r["Type"] == "step" and "timbres fiscaux" in r["Français"]]
    assert steps and all("77 €" in r["Français"] and "€77" in r["Anglais"] for r in steps)
    costs = [c for p in content.records.pathways for c in p.costs if c.id == "card_stamp_duty"]
    assert costs and all(c.amount_eur == 77 for c in costs)
