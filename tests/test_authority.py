"""Authorities by procedure: the asylum table of seed 002, residence, mairie, Ofpra; the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from parcours.wizard.answers import AnswerError, coerce
from parcours.wizard.checks import check_geography_refs, check_tables
from parcours.wizard.cli import app
from parcours.wizard.content import Content, read_content_tables
from parcours.wizard.geo import name_key
from parcours.wizard.model import AuthorityRef, Question, read_record
from parcours.wizard.plan import resolve_authority
from parcours.wizard.sections import authority_words
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEED = (
    ROOT.parent / "shared" / "seeds" / "002_cf90af5d33ee6442.txt"
)  # the seeds beside the checkout


def seed_text() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    pytest.fail(f"seed 002 not found at {SEED}: the table tests need it")


def parse_asylum_tables(text: str) -> list[list[tuple[list[tuple[str, str]], str]]]:
    """Every copy of the seed's table: rows of ([(département name, code)], préfecture line)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    copies = []
    for start, line in enumerate(lines):
        if not line.startswith("Préfets compétents pour enregistrer les demandes d"):
            continue
        rows, pending = [], None
        for row in lines[start + 1 :]:
            if row.startswith("Rappel"):
                break
            if row.startswith("Préfecture ") and pending is not None:
                rows.append((pending, row))
                pending = None
            elif re.search(r"\((\d\d|2[AB])\)", row):
                pending = [
                    (name.strip(), code)
                    for name, code in re.findall(r"([^,()]+?)\s*\((\d\d|2[AB])\)", row)
                ]
        copies.append(rows)
    return copies


@pytest.fixture(scope="module")
def table() -> dict[str, tuple[str, str]]:
    """Département code -> (name in the seed, préfecture line in the seed), from copy 1."""
    copies = parse_asylum_tables(seed_text())
    return {code: (name, pref) for deps, pref in copies[0] for name, code in deps}


def authority_name(content: Content, authority: str, query: str, lang: str = "fr"):
    place = content.geo.resolve(query)
    named = resolve_authority(content, AuthorityRef(authority, "p"), {"p": place})
    return authority_words(named, lang)


# ---- the seed's table ------------------------------------------------------------------------


def test_the_three_copies_of_the_seed_table_agree() -> None:
    copies = parse_asylum_tables(seed_text())
    assert len(copies) == 3
    assert len(copies[0]) == 34  # 34 groups of départements
    assert copies[0] == copies[1] == copies[2]


def test_seed_table_covers_every_metropolitan_departement_once(content: Content) -> None:
    rows = parse_asylum_tables(seed_text())[0]
    codes = [code for deps, _ in rows for _, code in deps]
    assert len(codes) == len(set(codes))
    metro = {d.code for d in content.geo.departements.values() if d.zone == "metro"}
    assert set(codes) == metro
    for deps, _ in rows:  # the seed names its départements as the COG does (bar punctuation)
        for name, code in deps:
            assert name_key(name) == name_key(content.geo.departement(code).name)


def test_asylum_data_agrees_with_the_seed_table(content: Content, table) -> None:
    overrides = content.authorities["prefecture_asylum"].overrides
    for code, (_, pref) in table.items():
        expected = pref.replace("’", "'")
        if expected == "Préfecture de Caen (50)":
            # The seed's slip: Caen is in Calvados (14); the data says so and why.
            expected = "Préfecture de Caen (14)"
            assert "Calvados (14)" in overrides[code].correction["fr"]
            assert "(50)" in overrides[code].correction["fr"]
        else:
            assert overrides[code].correction is None
        assert authority_name(content, "prefecture_asylum", code).name == expected
        assert overrides[code].source == "seed-002-asylum"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("93200", "Préfecture de Bobigny (93)"),
        ("20000", "Préfecture de Marseille (13)"),
        ("Bastia", "Préfecture de Marseille (13)"),
        ("Cherbourg-en-Cotentin", "Préfecture de Caen (14)"),
        ("61", "Préfecture de Caen (14)"),
        ("75011", "Préfecture de Police de Paris"),
        ("Athis-Mons", "Préfecture d'Evry (91)"),
        ("Lyon 3", "Préfecture de Lyon (69)"),
        ("Saint-Étienne", "Préfecture de Lyon (69)"),
    ],
)
def test_asylum_prefecture_for_places(content: Content, query: str, expected: str) -> None:
    assert authority_name(content, "prefecture_asylum", query).name == expected


def test_every_departement_has_an_asylum_and_a_residence_authority(content: Content) -> None:
    asylum = content.authorities["prefecture_asylum"]
    for dep in content.geo.departements.values():
        if dep.zone == "com":
            continue
        for authority in ("prefecture_asylum", "prefecture_residence"):
            found = authority_name(content, authority, dep.code)
            assert found is not None and found.name.startswith("Préfecture")
            assert "{" not in found.name and found.source is not None
        assert dep.code in asylum.overrides  # explicit for every département, overseas too


def test_overseas_asylum_is_explicit_and_invents_nothing(content: Content) -> None:
    for code in ("971", "972", "973", "974", "976"):
        found = authority_name(content, "prefecture_asylum", code)
        dep = content.geo.departement(code)
        assert found.name == f"Préfecture {dep.of_name} ({dep.prefecture})"
        assert found.address is None
        assert any("ne couvre que la métropole" in n for n in found.notes)


def test_residence_authority_names_the_sous_prefecture_when_known(content: Content) -> None:
    found = authority_name(content, "prefecture_residence", "Étampes")
    assert found.name == "Préfecture de l'Essonne (Évry-Courcouronnes)"
    assert any("sous-préfecture d'Étampes" in n for n in found.notes)
    bare = authority_name(content, "prefecture_residence", "91")
    assert not any("sous-préfecture d" in n for n in bare.notes)
    paris = authority_name(content, "prefecture_residence", "75015")
    assert paris.name == "Préfecture de police de Paris"


def test_ofpra_address_is_the_seeds(content: Content) -> None:
    ofpra = content.authorities["ofpra"]
    text = seed_text()
    street, town = ofpra.address.split(", ")
    assert street in text and town in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("athis mons", "Mairie d'Athis-Mons"),
        ("Le Havre", "Mairie du Havre"),
        ("Les Mureaux", "Mairie des Mureaux"),
        ("75001", "Mairie de Paris"),
        ("Marseille 2e", "Mairie de Marseille"),
        ("91", "Mairie de votre commune"),  # no commune: the fallback name
    ],
)
def test_mairie_is_named_after_the_commune(content: Content, query: str, expected: str) -> None:
    assert authority_name(content, "mairie", query).name == expected


def test_athis_mons_override_is_by_insee(content: Content) -> None:
    athis = authority_name(content, "mairie", "91200")
    assert any("Athis-Mons" in n for n in athis.notes)
    other = authority_name(content, "mairie", "Palaiseau")
    assert other.name == "Mairie de Palaiseau" and other.notes == ()


# ---- precision: "commune" --------------------------------------------------------------------


@pytest.fixture(scope="module")
def commune_question() -> Question:
    return read_record(
        "questions",
        {
            "id": "rental_place",
            "order": 1,
            "type": "place",
            "precision": "commune",
            "section": {"fr": "s"},
            "label": {"fr": "l"},
            "text": {"fr": "t"},
        },
    )


def test_precision_commune_accepts_one_commune(
    content: Content, today: date, commune_question
) -> None:
    assert coerce(commune_question, "Athis-Mons", content.geo, today).insee == "91027"
    assert coerce(commune_question, "91200", content.geo, today).insee == "91027"
    assert coerce(commune_question, "75", content.geo, today).insee == "75056"


@pytest.mark.parametrize("query", ["91", "Essonne", "20200", "Mayenne"])
def test_precision_commune_refuses_more_than_one(
    content: Content, today: date, commune_question, query
) -> None:
    with pytest.raises(AnswerError) as info:
        coerce(commune_question, query, content.geo, today)
    err = info.value
    assert "commune" in err.message["fr"] and err.suggestions
    for suggestion in err.suggestions:  # each choice is accepted as is
        assert coerce(commune_question, suggestion, content.geo, today).insee is not None


# ---- check-data rules ------------------------------------------------------------------------


def _tables_with(authority=None, procedure=None, question=None):
    tables = read_content_tables()
    if authority is not None:
        tables["authorities"].append(authority)
    if procedure is not None:
        tables["procedures"].append(procedure)
    if question is not None:
        tables["questions"].append(question)
    return tables


def test_check_data_rejects_unknown_placeholders() -> None:
    bad = {"id": "x", "kind": "k", "name": {"fr": "Mairie {ville}"}, "source": "seed-002-asylum"}
    assert any("unknown placeholders ['ville']" in p for p in check_tables(_tables_with(bad)))


def test_check_data_wants_a_fallback_for_commune_names() -> None:
    bad = {
        "id": "x",
        "kind": "k",
        "name": {"fr": "Mairie {of_commune}"},
        "source": "seed-002-asylum",
    }
    assert any("add name_unknown" in p for p in check_tables(_tables_with(bad)))
    good = dict(bad, name_unknown={"fr": "Mairie de votre commune"})
    assert not any("'x'" in p for p in check_tables(_tables_with(good)))


def test_check_data_checks_procedures() -> None:
    bad = {
        "id": "asile",  # already an alias of asylum
        "label": {"fr": "x"},
        "authorities": [{"id": "nope"}],
        "source": "seed-002-asylum",
    }
    problems = check_tables(_tables_with(procedure=bad))
    assert any("unknown authority 'nope'" in p for p in problems)
    assert any("already names 'asylum'" in p for p in problems)
    malformed = check_tables(_tables_with(procedure=dict(bad, precision="street")))
    assert any("procedures 'asile': precision must be one of" in p for p in malformed)


def test_check_data_checks_precision_and_geography_refs(content: Content) -> None:
    q = {
        "id": "qq",
        "order": 99_999,
        "type": "text",
        "precision": "commune",
        "section": {"fr": "s"},
        "label": {"fr": "l"},
        "text": {"fr": "t"},
    }
    assert any(
        "precision is for place questions" in p for p in check_tables(_tables_with(question=q))
    )
    bad = {
        "id": "x",
        "kind": "k",
        "name": {"fr": "X"},
        "source": "seed-002-asylum",
        "overrides": {"99999": {"source": "seed-002-asylum"}, "2C": {"source": "seed-002-asylum"}},
    }
    tables = _tables_with(bad)
    problems = check_geography_refs(Content.from_tables(tables, content.geo))
    assert any("no commune '99999'" in p for p in problems)
    assert any("no département '2C'" in p for p in problems)


# ---- the CLI ---------------------------------------------------------------------------------

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["authority", *args])


def test_cli_acceptance_asylum_seine_saint_denis() -> None:
    result = run("93200", "--procedure", "asylum")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Lieu : 93200 (Saint-Denis, Seine-Saint-Denis, 93)"
    assert lines[3] == "Préfecture de Bobigny (93)"
    assert "Ensuite : Office français de protection des réfugiés et apatrides (Ofpra)" in lines
    assert "  Adresse : 201 rue Carnot, 94136 Fontenay sous Bois Cedex" in lines
    assert "  Adresse : adresse non connue" in lines  # the préfecture's: no invented address


def test_cli_acceptance_rental_athis_mons() -> None:
    result = run("athis mons", "--procedure", "rental")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "Mairie d'Athis-Mons"


def test_cli_acceptance_corsica_goes_to_marseille() -> None:
    result = run("20000", "--procedure", "asylum")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "Préfecture de Marseille (13)"


@pytest.mark.parametrize(
    ("query", "hint"),
    [("94136", "94130 Nogent-sur-Marne"), ("99999", None), ("Vienne", "Vienne (38)")],
)
def test_cli_unknown_or_ambiguous_place_exits_2_with_one_line(query: str, hint) -> None:
    result = run(query, "-p", "asylum")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("parcours: ")
    if hint:
        assert "suggestions" in result.stderr and hint in result.stderr


def test_cli_rental_needs_a_commune() -> None:
    result = run("91", "-p", "location")
    assert result.exit_code == 2
    assert "Évry-Courcouronnes (91)" in result.stderr


@pytest.mark.parametrize(
    ("alias", "first"),
    [
        ("asile", "Préfecture de Bobigny (93)"),
        ("séjour", "Préfecture de la Seine-Saint-Denis (Bobigny)"),
        ("SEJOUR", "Préfecture de la Seine-Saint-Denis (Bobigny)"),
    ],
)
def test_cli_french_aliases(alias: str, first: str) -> None:
    result = run("93", "-p", alias)
    assert result.exit_code == 0 and result.stdout.splitlines()[3] == first


def test_cli_unknown_procedure() -> None:
    result = run("93", "-p", "visa")
    assert result.exit_code == 2 and "asylum" in result.stderr


def test_cli_json_and_english() -> None:
    result = run("Athis-Mons", "-p", "rental", "--json", "--lang", "en")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["place"]["insee"] == "91027" and data["procedure"]["id"] == "rental"
    first = data["authorities"][0]
    assert first["id"] == "mairie" and first["name"] == "Mairie d'Athis-Mons (town hall)"
    assert first["address"] is None and first["source"]["id"] == "seed-002-asylum"
    assert data["notes"] and "Athis-Mons" in data["notes"][0]


def test_cli_authority_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from parcours.wizard.cli import app\n"
        "try:\n"
        "    app(['authority', '93200', '-p', 'asylum'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_walker_tries_communes_for_a_commune_question(
    content: Content, today: date, commune_question
) -> None:
    from parcours.wizard.walk import representatives

    marks = {"rental_place": {("insee", "91027")}}
    values = representatives(content, commune_question, today, marks)
    assert values and all(v.insee is not None for v in values)
    assert {"93008", "75056", "91027"} <= {v.insee for v in values}  # Bobigny, Paris, Athis


def test_commune_override_wins_over_departement_override(content: Content) -> None:
    tables = read_content_tables()
    tables["authorities"].append(
        {
            "id": "t",
            "kind": "k",
            "name": {"fr": "Base {code}"},
            "source": "seed-002-asylum",
            "overrides": {
                "91": {"name": {"fr": "Essonne {town}"}, "source": "seed-002-asylum"},
                "91027": {"name": {"fr": "Commune {commune}"}, "source": "seed-002-asylum"},
            },
        }
    )
    mine = Content.from_tables(tables, content.geo)
    assert authority_name(mine, "t", "Athis-Mons").name == "Commune Athis-Mons"
    assert authority_name(mine, "t", "Palaiseau").name == "Essonne Évry-Courcouronnes"
    assert authority_name(mine, "t", "93").name == "Base 93"
